package nl.ipsexchange.meeting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.meeting.MeetingDecisionSharedEvent;
import nl.ipsexchange.platform.PlatformDatabase;
import nl.ipsexchange.platform.audit.AccessRecorder;
import nl.ipsexchange.platform.crypto.ClientDataCipher;
import nl.ipsexchange.platform.crypto.LocalKeyEncryptionKey;
import nl.ipsexchange.platform.meeting.SharedWithThisAgency;

/**
 * At a funder, every showing of the minutes shared with it is a read of the client's data: asked of the consent
 * replica as a read by the viewer, once per client and listing (which records it, or its refusal), and shown only when
 * allowed; the agency's own decisions are its own records and ask nothing.
 */
class SharedMinutesReadsTest {

    private static final String CLIENT = "c1c1c1c1-0000-4000-8000-000000000001";
    private static final String TRAJECTORY = "7a7a7a7a-0000-4000-8000-000000000002";
    private static final LocalDate MEETING = LocalDate.of(2026, 12, 10);
    private static final AccessRecorder.Actor CASE_MANAGER = new AccessRecorder.Actor("municipality.case-manager",
            "CASE_MANAGER");
    private static final SharedWithThisAgency.SharedRead READ = new SharedWithThisAgency.SharedRead(CLIENT,
            DataCategory.EMPLOYMENT, Purpose.CASE_REVIEW, CASE_MANAGER, MeetingDecisions.SHARED_MINUTES);

    private final SharedWithThisAgency consents = mock(SharedWithThisAgency.class);
    private MeetingDecisions decisions;

    @BeforeEach
    void twoDecisionsOfTheProviderSharedWithTheMunicipality() {
        JdbcTemplate jdbc = new JdbcTemplate(PlatformDatabase.fresh("minutesreads", MeetingConfiguration.MIGRATIONS));
        decisions = new MeetingDecisions(jdbc, Clock.systemUTC(), MEETING, 6, Agency.MUNICIPALITY,
                new ClientDataCipher(jdbc, LocalKeyEncryptionKey.generate()), consents);
        for (String action : new String[] {"visit the employer", "call the coach"}) {
            decisions.shared(new MeetingDecisionSharedEvent(UUID.randomUUID().toString(), Agency.MENTAL_HEALTH,
                    MEETING, CLIENT, TRAJECTORY, TRAJECTORY, MeetingDecisionSharedEvent.Kind.ACTION, null, action,
                    "mha.specialist", null, "mha.specialist"), UUID.randomUUID());
        }
    }

    @Test
    void aFundersViewOfTheSharedMinutesIsOneReadOfTheClientByTheViewer() {
        when(consents.read(READ)).thenReturn(true);

        assertThat(decisions.of(MEETING, CASE_MANAGER)).extracting(MeetingDecisions.Decision::action)
                .containsExactlyInAnyOrder("visit the employer", "call the coach");
        assertThat(decisions.about(TRAJECTORY, CASE_MANAGER)).hasSize(2);

        verify(consents, times(2)).read(READ);
    }

    @Test
    void sharedMinutesTheReadIsRefusedForAreNotShown() {
        when(consents.read(READ)).thenReturn(false);

        assertThat(decisions.of(MEETING, CASE_MANAGER)).isEmpty();
        assertThat(decisions.about(TRAJECTORY, CASE_MANAGER)).isEmpty();

        verify(consents, times(2)).read(READ);
    }

    @Test
    void aMeetingWithoutSharedMinutesAsksForNoRead() {
        assertThat(decisions.of(MEETING.plusWeeks(6), CASE_MANAGER)).isEmpty();

        verify(consents, never()).read(any());
    }
}
