package nl.ipsexchange.platform.messaging;

import nl.ipsexchange.kernel.messaging.EventEnvelope;
import nl.ipsexchange.kernel.messaging.MalformedMessageException;
import nl.ipsexchange.kernel.messaging.sealing.EnvelopeSealing;
import nl.ipsexchange.kernel.messaging.sealing.TransitKeyMissingException;

/**
 * Opens a received envelope's sealed payload with the transit keys this agency holds, before the payload is read as
 * its event. Personal data must arrive sealed: a personal envelope in the clear is refused.
 */
public class EnvelopeOpener {

    private final EnvelopeSealing sealing;
    private final ReceivedTransitKeys keys;

    public EnvelopeOpener(EnvelopeSealing sealing, ReceivedTransitKeys keys) {
        this.sealing = sealing;
        this.keys = keys;
    }

    /** Takes envelopes as they come: for tests of the inbound path itself, which send no sealed payloads. */
    static EnvelopeOpener asTheyCome() {
        return new EnvelopeOpener(null, null);
    }

    /**
     * @throws TransitKeyMissingException when a key it is sealed with is not held here (yet)
     * @throws MalformedMessageException  when it can never be opened
     */
    public EventEnvelope open(EventEnvelope envelope) {
        if (sealing == null || !envelope.carriesPersonalData()) {
            return envelope;
        }
        if (!EnvelopeSealing.isSealed(envelope)) {
            throw new MalformedMessageException(envelope.type() + " carries personal data in the clear");
        }
        return sealing.open(envelope, keys::key);
    }

    public EnvelopeSealing sealing() {
        return sealing;
    }
}
