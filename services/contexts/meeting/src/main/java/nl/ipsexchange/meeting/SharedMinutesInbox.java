package nl.ipsexchange.meeting;

import java.util.EnumSet;
import java.util.List;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.consent.ConsentEndedEvent;
import nl.ipsexchange.kernel.meeting.MeetingDecisionSharedEvent;
import nl.ipsexchange.kernel.messaging.EventEnvelope;
import nl.ipsexchange.platform.meeting.SharedWithThisAgency;
import nl.ipsexchange.platform.messaging.IntegrationEventHandler;
import nl.ipsexchange.platform.messaging.IntegrationEventHandlerSet;
import nl.ipsexchange.platform.messaging.ReceiptCheck;

/**
 * At an agency other than the client's provider: a decision of the meeting shared with it through the consent gate
 * for case review (ADR 49) is checked on receipt against this agency's consent replica (refused and recorded
 * otherwise) and kept, sealed, in its minutes; when a consent of the client ends and nothing left covers the client's
 * minutes for case review, they are erased.
 */
public class SharedMinutesInbox implements IntegrationEventHandlerSet {

    private final ReceiptCheck receipts;
    private final SharedWithThisAgency consents;
    private final MeetingDecisions decisions;
    private final Agency self;

    public SharedMinutesInbox(ReceiptCheck receipts, SharedWithThisAgency consents, MeetingDecisions decisions,
                              Agency self) {
        this.receipts = receipts;
        this.consents = consents;
        this.decisions = decisions;
        this.self = self;
    }

    @Override
    public List<IntegrationEventHandler<?>> handlers() {
        return List.of(
                IntegrationEventHandler.of(MeetingDecisionSharedEvent.class, this::onDecision),
                IntegrationEventHandler.of(ConsentEndedEvent.class, this::onConsentEnded));
    }

    void onDecision(MeetingDecisionSharedEvent event, EventEnvelope envelope) {
        if (envelope.consent() == null || envelope.consent().purpose() != Purpose.CASE_REVIEW
                || !receipts.admit(event.clientId(), envelope, EnumSet.of(MeetingDecisionSharedEvent.CATEGORY),
                "meeting decision received for case review")) {
            return;
        }
        decisions.shared(event, envelope.eventId());
    }

    void onConsentEnded(ConsentEndedEvent event, EventEnvelope envelope) {
        if (event.recipient() == self && !consents.covers(event.clientId(), MeetingDecisionSharedEvent.CATEGORY,
                Purpose.CASE_REVIEW, event.consentId())) {
            decisions.eraseShared(event.clientId());
        }
    }
}
