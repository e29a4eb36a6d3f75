package nl.ipsexchange.platform.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.audit.AccessAction;
import nl.ipsexchange.kernel.audit.AccessOutcome;
import nl.ipsexchange.kernel.consent.ConsentEffect;
import nl.ipsexchange.kernel.consent.ConsentTerms;
import nl.ipsexchange.kernel.security.Role;
import nl.ipsexchange.platform.audit.AccessRecorder;
import nl.ipsexchange.platform.security.NeedToKnow;

/**
 * A client whose incoming messages are parked may have a revocation waiting among them: nothing of that client is
 * shown until an administrator resolves them, and the refused attempt is recorded.
 */
class SharedClientReaderTest {

    private static final Instant NOW = Instant.parse("2026-06-01T10:00:00Z");
    private static final AccessRecorder.Actor PHYSICIAN = new AccessRecorder.Actor("benefits.physician",
            "INSURANCE_PHYSICIAN");

    private final ConsentReplica consents = mock(ConsentReplica.class);
    private final SharedClientDataStore store = mock(SharedClientDataStore.class);
    private final AccessRecorder recorder = mock(AccessRecorder.class);
    private final NeedToKnow needToKnow = new NeedToKnow();

    @Test
    void aClientWithParkedMessagesIsNotShownAndTheAttemptIsRecorded() {
        givenAnActiveConsentAndSharedData();
        SharedClientReader reader = reader(client -> client.equals("client-1"));

        assertThat(reader.readClient("client-1", Purpose.FUNDING_DECISION, PHYSICIAN, Role.INSURANCE_PHYSICIAN))
                .isInstanceOf(SharedClientReader.Refused.class);
        assertThat(reader.readHealth("client-1", DataCategory.HEALTH_SUMMARY, Purpose.FUNDING_DECISION, PHYSICIAN,
                Role.INSURANCE_PHYSICIAN)).isInstanceOf(SharedClientReader.Refused.class);
        verify(recorder, org.mockito.Mockito.times(2)).record(eq(PHYSICIAN), eq("client-1"), any(),
                eq(AccessAction.VIEW), eq(Purpose.FUNDING_DECISION), eq(null), eq(AccessOutcome.DENIED),
                eq("incoming messages about this client are parked for an administrator"));
        verify(store, never()).read(any(), any());
    }

    @Test
    void withoutParkedMessagesTheSameReadIsShown() {
        givenAnActiveConsentAndSharedData();
        SharedClientReader reader = reader(client -> false);
        assertThat(reader.readClient("client-1", Purpose.FUNDING_DECISION, PHYSICIAN, Role.INSURANCE_PHYSICIAN))
                .isInstanceOf(SharedClientReader.Shown.class);
    }

    private void givenAnActiveConsentAndSharedData() {
        when(consents.consentsOf("client-1")).thenReturn(List.of(new ConsentTerms(UUID.randomUUID(), "client-1",
                ConsentEffect.PERMIT, Set.of(Agency.BENEFITS), Set.of(DataCategory.IDENTIFICATION),
                Set.of(Purpose.FUNDING_DECISION), LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), null)));
        when(store.categoriesHeld("client-1")).thenReturn(Set.of(DataCategory.IDENTIFICATION));
    }

    private SharedClientReader reader(java.util.function.Predicate<String> parked) {
        return new SharedClientReader(consents, store, recorder, needToKnow, Clock.fixed(NOW, ZoneOffset.UTC),
                Agency.BENEFITS, parked);
    }
}
