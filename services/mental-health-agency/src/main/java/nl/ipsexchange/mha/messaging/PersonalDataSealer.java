package nl.ipsexchange.mha.messaging;

import org.springframework.stereotype.Component;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.messaging.EventEnvelope;
import nl.ipsexchange.kernel.messaging.sealing.EnvelopeSealing;

/**
 * Seals every envelope that carries personal data before it leaves, each category under the current transit key of
 * (client, recipient, category): what reaches the broker opens only with keys the recipient asks this agency for.
 */
@Component
public class PersonalDataSealer {

    private final EnvelopeSealing sealing;
    private final TransitKeyStore keys;

    public PersonalDataSealer(EnvelopeSealing sealing, TransitKeyStore keys) {
        this.sealing = sealing;
        this.keys = keys;
    }

    public EventEnvelope sealFor(Agency recipient, EventEnvelope envelope) {
        if (!envelope.carriesPersonalData()) {
            return envelope;
        }
        return sealing.seal(envelope, category -> keys.current(envelope.subject(), recipient, category));
    }
}
