package nl.ipsexchange.platform.messaging;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nl.ipsexchange.kernel.messaging.EventEnvelope;
import nl.ipsexchange.platform.messaging.InboundMessageProcessor.Delivered;

/**
 * What becomes of a message received live whose handling failed: retried (the failure is thrown back to the
 * consumer), or, once it has failed often enough while the database is there ({@link FailedAttempts}), parked under
 * its client, and with it the client's later messages ({@link ClientSequences}).
 */
final class PoisonMessages {

    // the inbound path logs under one name, the processor's, wherever its lines now come from
    private static final Logger log = LoggerFactory.getLogger(InboundMessageProcessor.class);

    private final FailedAttempts attempts;
    private final ClientSequences sequences;
    private final InboundMetrics metrics;

    PoisonMessages(FailedAttempts attempts, ClientSequences sequences, InboundMetrics metrics) {
        this.attempts = attempts;
        this.sequences = sequences;
        this.metrics = metrics;
    }

    /** The message was handled (or parked): its earlier failures no longer count. */
    void handled(UUID eventId) {
        attempts.forget(eventId);
    }

    /**
     * Parks the message when it has failed often enough.
     *
     * @throws RuntimeException the failure, when the message is to be retried
     */
    void failed(Delivered delivered, EventEnvelope envelope, RuntimeException failure) {
        String topic = delivered.topic();
        FailedAttempts.Verdict verdict = attempts.judge(envelope.eventId(), failure);
        if (verdict.passesByItself()) {
            log.warn("{} {} from {} not handled yet, will retry: {}", envelope.type(), envelope.eventId(), topic,
                    MessageFailures.describe(failure));
            throw failure;
        }
        if (!verdict.park()) {
            log.warn("{} {} from {} failed (attempt {}), will retry: {}", envelope.type(), envelope.eventId(),
                    topic, verdict.attempts(), MessageFailures.describe(failure));
            throw failure;
        }
        String reason = MessageFailures.describe(failure);
        sequences.parkFailing(delivered, envelope, reason);
        attempts.forget(envelope.eventId());
        metrics.parked();
        log.error("parked {} {} from {} after {} attempts, and with it the client's later messages: {}",
                envelope.type(), envelope.eventId(), topic, verdict.attempts(), reason);
    }
}
