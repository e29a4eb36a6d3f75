package nl.ipsexchange.funding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import nl.ipsexchange.funding.query.FundingProjection;
import nl.ipsexchange.funding.query.FundingProjection.ApplicationView;
import nl.ipsexchange.funding.query.FundingProjection.PaymentView;
import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.funding.PaymentType;
import nl.ipsexchange.kernel.security.Role;
import nl.ipsexchange.kernel.sharing.ClientDataSharedEvent;
import nl.ipsexchange.kernel.sharing.InformationRequestAnsweredEvent.Reason;
import nl.ipsexchange.platform.audit.AccessRecorder;
import nl.ipsexchange.platform.meeting.MeetingAgenda.Case;
import nl.ipsexchange.platform.meeting.MeetingAgenda.Listed;
import nl.ipsexchange.platform.meeting.MeetingAgenda.Section;
import nl.ipsexchange.platform.meeting.SharedWithThisAgency;

/**
 * A funder's agenda reads the recipient side of sharing only through the platform's {@link SharedWithThisAgency}:
 * clients for case review as the viewer may see them (pseudonym only without consent), and its information requests
 * as benefit questions, oldest first, in the words the agenda has always used.
 */
class FunderMeetingAgendaTest {

    private static final AccessRecorder.Actor VIEWER = new AccessRecorder.Actor("benefits.labour-expert",
            "LABOUR_EXPERT");
    private static final String CONSENTED = "11111111-aaaa-4aaa-8aaa-000000000001";
    private static final String NOT_CONSENTED = "22222222-bbbb-4bbb-8bbb-000000000002";

    /** The clients read, as "client purpose user role". */
    private final List<String> reads = new ArrayList<>();

    private final SharedWithThisAgency shared = new SharedWithThisAgency() {
        @Override
        public Optional<ClientDataSharedEvent> clientIfConsented(String clientId, Purpose purpose,
                                                                 AccessRecorder.Actor viewer, Role role) {
            reads.add(clientId + " " + purpose + " " + viewer.userId() + " " + role);
            return CONSENTED.equals(clientId) ? Optional.of(new ClientDataSharedEvent(clientId,
                    new ClientDataSharedEvent.Identification("Client A", "100000113", LocalDate.of(1980, 3, 3)),
                    null, new ClientDataSharedEvent.Employment("gardener", true), "needs short days", null, null))
                    : Optional.empty();
        }

        @Override
        public boolean read(SharedRead read) {
            return CONSENTED.equals(read.clientId());
        }

        @Override
        public boolean covers(String clientId, DataCategory category, Purpose purpose, UUID endingConsent) {
            return CONSENTED.equals(clientId);
        }

        @Override
        public List<RequestSent> requestsSent() {
            return List.of(
                    new RequestSent("aaaaaaaa-0000-4000-8000-000000000001", CONSENTED,
                            Set.of(DataCategory.EMPLOYMENT, DataCategory.BENEFITS), Purpose.CASE_REVIEW, null, null),
                    new RequestSent("bbbbbbbb-0000-4000-8000-000000000002", NOT_CONSENTED,
                            Set.of(DataCategory.DIAGNOSIS), Purpose.FUNDING_DECISION, "DENIED",
                            Reason.HARMFUL_TO_THE_CLIENT),
                    new RequestSent("cccccccc-0000-4000-8000-000000000003", CONSENTED,
                            Set.of(DataCategory.IDENTIFICATION), Purpose.CASE_REVIEW, "GRANTED", null));
        }
    };

    @Test
    void applicantsParticipantsAndQuestionsAsTheViewerMaySeeThem() {
        FundingProjection funding = mock(FundingProjection.class);
        when(funding.applications()).thenReturn(List.of(
                new ApplicationView("app-0001-x", "app-0001-x", CONSENTED, Agency.BENEFITS, "DISABILITY",
                        LocalDate.of(2026, 1, 5), LocalDate.of(2026, 1, 12), "RECEIVED", null, null),
                new ApplicationView("app-0002-y", "app-0002-y", NOT_CONSENTED, Agency.BENEFITS, "DISABILITY",
                        LocalDate.of(2026, 1, 2), LocalDate.of(2026, 1, 9), "APPROVED", LocalDate.of(2026, 1, 15),
                        null),
                new ApplicationView("app-0003-z", "app-0003-z", CONSENTED, Agency.BENEFITS, "DISABILITY",
                        LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 8), "REJECTED", null, "no fit")));
        when(funding.payments("app-0002-y")).thenReturn(List.of(new PaymentView(PaymentType.START,
                new BigDecimal("900"), LocalDate.of(2026, 1, 15), "DUE", "app-0002-y:START", null, null, null)));

        List<Section> sections = new FunderMeetingAgenda(funding, shared).sections(VIEWER, Role.LABOUR_EXPERT);

        assertThat(sections).extracting(Section::title).containsExactly("New applicants for funding",
                "Current participants' progress", "Benefit questions");
        assertThat(sections.get(0).cases()).containsExactly(new Case("app-0001-x", "Application app-0001",
                List.of("Client A", "Wants to work as: gardener", "Health summary: needs short days",
                        "Benefit DISABILITY; referred 2026-01-05; applied 2026-01-12")));
        assertThat(sections.get(1).cases()).containsExactly(new Case("app-0002-y", "Participant app-0002",
                List.of("Client 22222222 (no consent for case review: no details)",
                        "Benefit DISABILITY; referred 2026-01-02; applied 2026-01-09", "Funded from 2026-01-15",
                        "START 900 due 2026-01-15 (DUE)")));
        assertThat(reads).as("a rejected application's client is not read").containsExactly(
                CONSENTED + " CASE_REVIEW benefits.labour-expert LABOUR_EXPERT",
                NOT_CONSENTED + " CASE_REVIEW benefits.labour-expert LABOUR_EXPERT");
        assertThat(sections.get(2).cases()).containsExactly(
                new Case(CONSENTED, "Question aaaaaaaa", List.of("Asked BENEFITS,EMPLOYMENT for CASE_REVIEW",
                        "Awaiting the mental health agency's answer")),
                new Case(NOT_CONSENTED, "Question bbbbbbbb", List.of("Asked DIAGNOSIS for FUNDING_DECISION",
                        "Answer: DENIED (HARMFUL_TO_THE_CLIENT)")),
                new Case(CONSENTED, "Question cccccccc", List.of("Asked IDENTIFICATION for CASE_REVIEW",
                        "Answer: GRANTED")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"RECEIVED, true, true", "APPROVED, true, false", "REJECTED, false, false"})
    void aCaseIsOnTheAgendaByItsApplicationFoundByKeyAndOnlyAReceivedOneIsAnApplicant(String status, boolean listed,
                                                                                   boolean applicant) {
        FundingProjection funding = mock(FundingProjection.class);
        when(funding.application("app-0009-q")).thenReturn(Optional.of(new ApplicationView("app-0009-q",
                "app-0009-q", CONSENTED, Agency.MUNICIPALITY, "SOCIAL_ASSISTANCE", LocalDate.of(2026, 2, 1),
                LocalDate.of(2026, 2, 3), status, null, null)));

        Optional<Listed> found = new FunderMeetingAgenda(funding, shared).listed("app-0009-q");

        assertThat(found.isPresent()).isEqualTo(listed);
        found.ifPresent(application -> assertThat(application).isEqualTo(
                new Listed("app-0009-q", CONSENTED, "app-0009-q", applicant)));
    }

    @Test
    void aClientThisAgencyAskedAboutIsOnTheAgendaAndAnUnknownCaseIsNot() {
        FundingProjection funding = mock(FundingProjection.class);
        when(funding.application(CONSENTED)).thenReturn(Optional.empty());
        when(funding.application("nothing")).thenReturn(Optional.empty());

        assertThat(new FunderMeetingAgenda(funding, shared).listed(CONSENTED))
                .contains(new Listed(CONSENTED, CONSENTED, null, false));
        assertThat(new FunderMeetingAgenda(funding, shared).listed("nothing")).isEmpty();
    }
}
