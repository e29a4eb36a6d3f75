package nl.ipsexchange.platform.messaging;

import nl.ipsexchange.kernel.messaging.EventEnvelope;
import nl.ipsexchange.kernel.messaging.MalformedMessageException;
import nl.ipsexchange.platform.audit.AuditSealingKeys;
import nl.ipsexchange.kernel.messaging.sealing.AuditSealing;
import nl.ipsexchange.kernel.messaging.sealing.EnvelopeSealing;
import nl.ipsexchange.kernel.messaging.sealing.TransitKeyDestroyedException;
import nl.ipsexchange.kernel.messaging.sealing.TransitKeyMissingException;

/**
 * Opens a received envelope's sealed payload before the payload is read as its event: personal data with the transit
 * keys this agency holds (personal data must arrive sealed: a personal envelope in the clear is refused), an access
 * record sealed for the audit service with the audit service's private keys (ADR 37; one that arrives in the clear,
 * sent before records were sealed, is read as it is), and a message a recipient sealed back for this agency with a
 * key this agency issued to it (ADR 51; one in the clear, sent before, is read as it is).
 */
public class EnvelopeOpener {

    private final EnvelopeSealing sealing;
    private final ReceivedTransitKeys keys;
    private final AuditSealing auditSealing;
    private final AuditSealingKeys auditKeys;
    private final IssuedTransitKeys issuedKeys;

    public EnvelopeOpener(EnvelopeSealing sealing, ReceivedTransitKeys keys, AuditSealing auditSealing,
                          AuditSealingKeys auditKeys) {
        this(sealing, keys, auditSealing, auditKeys, IssuedTransitKeys.NONE);
    }

    private EnvelopeOpener(EnvelopeSealing sealing, ReceivedTransitKeys keys, AuditSealing auditSealing,
                           AuditSealingKeys auditKeys, IssuedTransitKeys issuedKeys) {
        this.sealing = sealing;
        this.keys = keys;
        this.auditSealing = auditSealing;
        this.auditKeys = auditKeys;
        this.issuedKeys = issuedKeys;
    }

    /** The same opener, opening what recipients sealed back with the keys this agency issued to them. */
    public EnvelopeOpener withIssuedKeys(IssuedTransitKeys issued) {
        return new EnvelopeOpener(sealing, keys, auditSealing, auditKeys, issued);
    }

    /** Takes envelopes as they come: for tests of the inbound path itself, which send no sealed payloads. */
    static EnvelopeOpener asTheyCome() {
        return new EnvelopeOpener(null, null, null, null);
    }

    /**
     * @throws TransitKeyMissingException when a key it is sealed with is not held here (yet)
     * @throws AuditSealing.AuditKeyMissingException when it is an access record sealed for an audit key this
     *                                               service lacks (retried, then kept apart until it is configured)
     * @throws TransitKeyDestroyedException when it was sealed back for this agency under a key it has destroyed since
     * @throws MalformedMessageException  when it can never be opened
     */
    public EventEnvelope open(EventEnvelope envelope) {
        if (auditSealing != null && AuditSealing.isSealed(envelope)) {
            if (!auditKeys.opens()) {
                throw new MalformedMessageException(envelope.type() + " is sealed for the audit service");
            }
            return auditSealing.open(envelope, auditKeys::privateKey);
        }
        if (sealing != null && EnvelopeSealing.isSealedForIssuer(envelope)) {
            return sealing.openWithIssuedKey(envelope, issuedKeys::issued);
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
