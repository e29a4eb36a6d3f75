package nl.ipsexchange.platform.messaging;

import java.util.List;

import nl.ipsexchange.kernel.messaging.EventEnvelope;

/**
 * Keeps the received events of some topics as they arrived, beside their handlers, in the transaction that marks
 * them processed: how a business context (status: the de-identified events on {@code ips.status}) records what the
 * platform receives without the platform knowing it (ADR 0039). An event processed before is not offered again.
 * Without such a bean nothing is recorded ({@link #NONE}).
 */
public interface ReceivedEventRecorder {

    /** Records nothing. */
    ReceivedEventRecorder NONE = new ReceivedEventRecorder() {
        @Override
        public boolean accepts(String topic) {
            return false;
        }

        @Override
        public void recordAll(List<EventEnvelope> envelopes) {
            // nothing to keep
        }
    };

    /** Whether events received on this topic are recorded. */
    boolean accepts(String topic);

    /**
     * Records events of an accepted topic, in the caller's transaction.
     *
     * @throws IllegalArgumentException when one of them may not be recorded (then none is)
     */
    void recordAll(List<EventEnvelope> envelopes);
}
