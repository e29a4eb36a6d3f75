package nl.ipsexchange.platform.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import nl.ipsexchange.kernel.messaging.EnvelopeCodec;
import nl.ipsexchange.kernel.messaging.EventEnvelope;
import nl.ipsexchange.kernel.messaging.IntegrationEvent;
import nl.ipsexchange.platform.messaging.InboundMessageProcessor.Delivered;

/**
 * Receives the messages of one poll together: all of them in one database transaction, so that a busy reader commits
 * once per poll instead of once per message (ADRs 15, 20, 21). When any of them fails (or cannot be read, or is
 * refused, or waits for a transit key), nothing of the transaction stays and the caller receives them one by one.
 */
final class PollTransaction {

    // the inbound path logs under one name, the processor's, wherever its lines now come from
    private static final Logger log = LoggerFactory.getLogger(InboundMessageProcessor.class);

    private final TransactionTemplate transactions;
    private final SignatureCheck signatures;
    private final EnvelopeOpener opener;
    private final EnvelopeCodec codec;
    private final ClientSequences sequences;
    private final EventHandling handling;
    private final PoisonMessages poison;
    private final InboundMetrics metrics;

    PollTransaction(TransactionTemplate transactions, SignatureCheck signatures, EnvelopeOpener opener,
                    EnvelopeCodec codec, ClientSequences sequences, EventHandling handling, PoisonMessages poison,
                    InboundMetrics metrics) {
        this.transactions = transactions;
        this.signatures = signatures;
        this.opener = opener;
        this.codec = codec;
        this.sequences = sequences;
        this.handling = handling;
        this.poison = poison;
        this.metrics = metrics;
    }

    /** @return whether all were handled (or recognised as handled before, or parked behind a parked message) */
    boolean receive(List<Delivered> messages) {
        List<AuthenticMessage> authentics = new ArrayList<>(messages.size());
        List<IntegrationEvent> events = new ArrayList<>(messages.size());
        List<ReceiptOutcome> outcomes;
        try {
            for (Delivered delivered : messages) {
                // one refused message sends the poll one by one, where it is refused and kept apart
                // a message whose transit key is not here yet sends the poll one by one too, where it waits for it
                AuthenticMessage authentic = signatures.verify(delivered).opened(opener);
                authentics.add(authentic);
                events.add(codec.payload(authentic.envelope()));
            }
            outcomes = transactions.execute(status -> handle(messages, authentics, events));
        } catch (RuntimeException failure) {
            log.debug("a poll of {} messages is received one by one: {}", messages.size(),
                    MessageFailures.describe(failure));
            return false;
        }
        for (int i = 0; i < messages.size(); i++) {
            EventEnvelope envelope = authentics.get(i).envelope();
            poison.handled(envelope.eventId());
            metrics.report(outcomes.get(i), messages.get(i).topic(), envelope);
        }
        return true;
    }

    /** Runs in the poll's transaction. */
    private List<ReceiptOutcome> handle(List<Delivered> messages, List<AuthenticMessage> authentics,
                                        List<IntegrationEvent> events) {
        // a message is parked here only behind one parked before: which sequences hold one does not change
        Set<String> parkedSequences = sequences.lockAndFindParked(
                authentics.stream().map(authentic -> authentic.envelope().subject()).toList());
        List<ProcessedMessages.Received> flowing = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            EventEnvelope envelope = authentics.get(i).envelope();
            if (!parkedSequences.contains(envelope.subject())) {
                flowing.add(new ProcessedMessages.Received(messages.get(i).topic(), envelope));
            }
        }
        Set<UUID> fresh = handling.recordTogether(flowing);
        List<ReceiptOutcome> each = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            AuthenticMessage authentic = authentics.get(i);
            EventEnvelope envelope = authentic.envelope();
            if (parkedSequences.contains(envelope.subject())) {
                each.add(sequences.handle(messages.get(i), authentic, events.get(i), parkedSequences));
            } else if (fresh.remove(envelope.eventId())) { // the first of a poll's copies is handled
                handling.dispatch(events.get(i), envelope, authentic.verified());
                each.add(ReceiptOutcome.HANDLED);
            } else {
                each.add(ReceiptOutcome.DUPLICATE);
            }
        }
        return each;
    }
}
