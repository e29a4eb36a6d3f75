package nl.ipsexchange.platform.messaging;

import java.util.Collection;
import java.util.Set;

import org.springframework.transaction.support.TransactionTemplate;

import nl.ipsexchange.kernel.messaging.EventEnvelope;
import nl.ipsexchange.kernel.messaging.IntegrationEvent;
import nl.ipsexchange.platform.messaging.InboundMessageProcessor.Delivered;

/**
 * Keeps each client's messages in order: while a message about a client is parked, the client's later messages are
 * parked behind it, in order, and other clients keep flowing. A sequence is a client's subject, locked in the handling
 * transaction so that a retry and a new message of the same client do not pass each other.
 */
final class ClientSequences {

    static final String BEHIND = "waits behind an earlier parked message about the same client";

    private final TransactionTemplate transactions;
    private final ParkedMessages parked;
    private final ProcessedMessages processed;
    private final EventHandling handling;

    ClientSequences(TransactionTemplate transactions, ParkedMessages parked, ProcessedMessages processed,
                    EventHandling handling) {
        this.transactions = transactions;
        this.parked = parked;
        this.processed = processed;
        this.handling = handling;
    }

    /** Locks the sequences in the caller's transaction; @return those of them that hold a parked message */
    Set<String> lockAndFindParked(Collection<String> sequenceKeys) {
        return parked.lockSequencesAndFindParked(sequenceKeys);
    }

    /**
     * Runs in the caller's transaction, which holds the lock of the message's sequence and has read which sequences
     * hold parked messages ({@link #lockAndFindParked}).
     */
    ReceiptOutcome handle(Delivered delivered, AuthenticMessage message, IntegrationEvent event,
                          Set<String> parkedSequences) {
        EventEnvelope envelope = message.envelope();
        if (parkedSequences.contains(envelope.subject())) {
            if (processed.contains(envelope.eventId())) {
                return ReceiptOutcome.DUPLICATE;
            }
            return parkBehind(delivered, envelope);
        }
        return handling.handle(delivered.topic(), message, event) ? ReceiptOutcome.HANDLED : ReceiptOutcome.DUPLICATE;
    }

    /** Parks a message behind its client's parked one, in the caller's transaction. */
    ReceiptOutcome parkBehind(Delivered delivered, EventEnvelope envelope) {
        parked.park(delivered.topic(), envelope, delivered.message(), delivered.signature(), BEHIND);
        return ReceiptOutcome.PARKED;
    }

    /** Parks a message that keeps failing, in a transaction of its own; the client's later messages wait behind it. */
    void parkFailing(Delivered delivered, EventEnvelope envelope, String reason) {
        transactions.executeWithoutResult(status -> {
            parked.lockSequence(envelope.subject());
            parked.park(delivered.topic(), envelope, delivered.message(), delivered.signature(), reason);
        });
    }
}
