package nl.ipsexchange.sharing;

import java.time.Clock;
import java.util.Optional;
import java.util.Set;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.consent.ConsentPolicy;
import nl.ipsexchange.kernel.messaging.EventEnvelope;
import nl.ipsexchange.platform.audit.AccessRecord;
import nl.ipsexchange.platform.audit.AccessRecorder;
import nl.ipsexchange.platform.messaging.ReceiptCheck;
import nl.ipsexchange.platform.messaging.ReceiptPrecheck;

/**
 * The receiving side's consent check of a message carrying personal data (the second check after the sender's):
 * it must cite a consent, name exactly the categories it carries, and every one must be permitted by this agency's
 * replica now. Every receipt is recorded, permitted or refused.
 */
public class ReceiptGate implements ReceiptPrecheck, ReceiptCheck {

    private final ConsentReplica consents;
    private final AccessRecorder recorder;
    private final Clock clock;
    private final Agency self;

    public ReceiptGate(ConsentReplica consents, AccessRecorder recorder, Clock clock, Agency self) {
        this.consents = consents;
        this.recorder = recorder;
        this.clock = clock;
        this.self = self;
    }

    /** The categories and consent the sealed envelope names, checked against the replica; a refusal is recorded. */
    @Override
    public boolean refusedBeforeOpening(EventEnvelope envelope) {
        Set<DataCategory> carried = envelope.consent().categories();
        Optional<String> refusal = ConsentPolicy.refusalOfReceipt(consents.consentsOf(envelope.subject()), self,
                envelope.consent().consentId(), envelope.consent().purpose(), carried, clock.instant());
        refusal.ifPresent(reason -> recorder.record(AccessRecord.receiptRefused(envelope.subject(), carried,
                        "refused: " + reason)
                .forPurpose(envelope.consent().purpose()).underConsents(Set.of(envelope.consent().consentId()))
                .withId(envelope.eventId())));
        return refusal.isPresent();
    }

    /** Checks and records the receipt. @return whether the message may be accepted */
    @Override
    public boolean admit(String clientId, EventEnvelope envelope, Set<DataCategory> carried, String acceptedNote) {
        Optional<String> refusal;
        if (envelope.consent() == null) {
            refusal = Optional.of("personal data without a consent reference");
        } else if (!envelope.consent().categories().equals(carried)) {
            refusal = Optional.of("the message carries other categories than its consent reference names");
        } else {
            refusal = ConsentPolicy.refusalOfReceipt(consents.consentsOf(clientId), self,
                    envelope.consent().consentId(), envelope.consent().purpose(), carried, clock.instant());
        }
        AccessRecord receipt = refusal
                .map(reason -> AccessRecord.receiptRefused(clientId, carried, "refused: " + reason))
                .orElseGet(() -> AccessRecord.received(clientId, carried, acceptedNote));
        recorder.record(receipt
                .forPurpose(envelope.consent() == null ? null : envelope.consent().purpose())
                .underConsents(envelope.consent() == null ? Set.of() : Set.of(envelope.consent().consentId()))
                .withId(envelope.eventId()));
        return refusal.isEmpty();
    }
}
