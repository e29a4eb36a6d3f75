package nl.ipsexchange.platform.messaging;

import nl.ipsexchange.kernel.messaging.EventEnvelope;
import nl.ipsexchange.kernel.messaging.MalformedMessageException;
import nl.ipsexchange.platform.audit.AuditSealingKeys;
import nl.ipsexchange.kernel.messaging.sealing.AuditSealing;
import nl.ipsexchange.kernel.messaging.sealing.EnvelopeSealing;
import nl.ipsexchange.kernel.messaging.sealing.TransitKeyMissingException;

/**
 * Opens a received envelope's sealed payload before the payload is read as its event: personal data with the transit
 * keys this agency holds (personal data must arrive sealed: a personal envelope in the clear is refused), an access
 * record sealed for the audit service with the audit service's private keys (ADR 37; one that arrives in the clear,
 * sent before records were sealed, is read as it is).
 */
public class EnvelopeOpener {

    private final EnvelopeSealing sealing;
    private final ReceivedTransitKeys keys;
    private final AuditSealing auditSealing;
    private final AuditSealingKeys auditKeys;

    public EnvelopeOpener(EnvelopeSealing sealing, ReceivedTransitKeys keys, AuditSealing auditSealing,
                          AuditSealingKeys auditKeys) {
        this.sealing = sealing;
        this.keys = keys;
        this.auditSealing = auditSealing;
        this.auditKeys = auditKeys;
    }

    /** Takes envelopes as they come: for tests of the inbound path itself, which send no sealed payloads. */
    static EnvelopeOpener asTheyCome() {
        return new EnvelopeOpener(null, null, null, null);
    }

    /**
     * @throws TransitKeyMissingException when a key it is sealed with is not held here (yet)
     * @throws AuditSealing.AuditKeyMissingException when it is an access record sealed for an audit key this
     *                                               service lacks (retried, then kept apart until it is configured)
     * @throws MalformedMessageException  when it can never be opened
     */
    public EventEnvelope open(EventEnvelope envelope) {
        if (auditSealing != null && AuditSealing.isSealed(envelope)) {
            if (!auditKeys.opens()) {
                throw new MalformedMessageException(envelope.type() + " is sealed for the audit service");
            }
            return auditSealing.open(envelope, auditKeys::privateKey);
        }
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
