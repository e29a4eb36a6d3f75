package nl.ipsexchange.meeting;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.consent.ConsentEndedEvent;
import nl.ipsexchange.kernel.meeting.MeetingDecisionSharedEvent;
import nl.ipsexchange.kernel.messaging.ConsentReference;
import nl.ipsexchange.kernel.messaging.EnvelopeCodec;
import nl.ipsexchange.kernel.messaging.EventEnvelope;
import nl.ipsexchange.platform.meeting.SharedWithThisAgency;
import nl.ipsexchange.platform.messaging.ReceiptCheck;

/**
 * A decision shared through the consent gate is kept only when it came for case review and the receipt check admits
 * it; a consent's end erases the client's shared minutes unless another consent still covers them (ADR 49).
 */
class SharedMinutesInboxTest {

    private static final String CLIENT = "11111111-aaaa-4aaa-8aaa-000000000001";
    private static final UUID CONSENT = UUID.fromString("22222222-bbbb-4bbb-8bbb-000000000002");

    private final ReceiptCheck receipts = mock(ReceiptCheck.class);
    private final SharedWithThisAgency consents = mock(SharedWithThisAgency.class);
    private final MeetingDecisions decisions = mock(MeetingDecisions.class);
    private final SharedMinutesInbox inbox = new SharedMinutesInbox(receipts, consents, decisions,
            Agency.MUNICIPALITY);
    private final MeetingDecisionSharedEvent decision = new MeetingDecisionSharedEvent("d-1", Agency.MENTAL_HEALTH,
            LocalDate.of(2026, 3, 5), CLIENT, "t-1", "t-1", MeetingDecisionSharedEvent.Kind.ACTION, null,
            "visit the employer", "mha.specialist", null, "mha.specialist");

    private EventEnvelope envelope(Purpose purpose) {
        return new EnvelopeCodec().wrap(UUID.randomUUID(), Agency.MENTAL_HEALTH, Instant.parse("2026-03-05T10:00:00Z"),
                new ConsentReference(CONSENT, purpose, Set.of(DataCategory.EMPLOYMENT)), decision);
    }

    @Test
    void aDecisionForCaseReviewThatTheReceiptCheckAdmitsIsKept() {
        EventEnvelope envelope = envelope(Purpose.CASE_REVIEW);
        when(receipts.admit(eq(CLIENT), eq(envelope), eq(Set.of(DataCategory.EMPLOYMENT)), anyString()))
                .thenReturn(true);

        inbox.onDecision(decision, envelope);

        verify(decisions).shared(decision, envelope.eventId());
    }

    @Test
    void aDecisionTheReceiptCheckRefusesIsNotKept() {
        inbox.onDecision(decision, envelope(Purpose.CASE_REVIEW));

        verify(decisions, never()).shared(any(), any());
    }

    @Test
    void aDecisionSentForAnotherPurposeIsNotKept() {
        when(receipts.admit(anyString(), any(), any(), anyString())).thenReturn(true);

        inbox.onDecision(decision, envelope(Purpose.FUNDING_DECISION));

        verify(decisions, never()).shared(any(), any());
    }

    @Test
    void theEndOfTheOnlyConsentForCaseReviewErasesTheClientsSharedMinutes() {
        inbox.onConsentEnded(new ConsentEndedEvent(CONSENT, CLIENT, Agency.MUNICIPALITY, Instant.now(),
                ConsentEndedEvent.Reason.REVOKED), envelope(Purpose.CASE_REVIEW));

        verify(decisions).eraseShared(CLIENT);
    }

    @Test
    void minutesAnotherConsentStillCoversStay() {
        when(consents.covers(CLIENT, DataCategory.EMPLOYMENT, Purpose.CASE_REVIEW, CONSENT)).thenReturn(true);

        inbox.onConsentEnded(new ConsentEndedEvent(CONSENT, CLIENT, Agency.MUNICIPALITY, Instant.now(),
                ConsentEndedEvent.Reason.EXPIRED), envelope(Purpose.CASE_REVIEW));

        verify(decisions, never()).eraseShared(anyString());
    }
}
