package nl.ipsexchange.audit.messaging;

import org.springframework.stereotype.Component;

import nl.ipsexchange.audit.query.AccessRecordChain;
import nl.ipsexchange.kernel.audit.AccessRecordedEvent;
import nl.ipsexchange.kernel.messaging.EventEnvelope;
import nl.ipsexchange.kernel.messaging.MalformedMessageException;
import nl.ipsexchange.platform.messaging.IntegrationEventHandler;
import nl.ipsexchange.platform.messaging.signing.MessageVerifier;

/** Access records from {@code ips.audit}, each kept once (by record id) in the trail. */
@Component
public class AccessRecordReceiver implements IntegrationEventHandler<AccessRecordedEvent> {

    private final AccessRecordChain trail;

    public AccessRecordReceiver(AccessRecordChain trail) {
        this.trail = trail;
    }

    @Override
    public Class<AccessRecordedEvent> eventType() {
        return AccessRecordedEvent.class;
    }

    /** Never called: an access record is kept with its signature ({@link #handle(AccessRecordedEvent,
     * EventEnvelope, MessageVerifier.Verified)}). */
    @Override
    public void handle(AccessRecordedEvent event, EventEnvelope envelope) {
        throw new UnsupportedOperationException("an access record is kept with the signature it came with");
    }

    /** Keeps the record with the signature its source's key made (verified before it came here). */
    @Override
    public void handle(AccessRecordedEvent event, EventEnvelope envelope, MessageVerifier.Verified signature) {
        if (!event.agency().equals(envelope.sourceAgency().name())) {
            throw new MalformedMessageException(
                    "an access record of one agency sent by another");
        }
        trail.append(event, envelope.sourceAgency().name(), envelope.eventId(), new AccessRecordChain.Signature(
                signature.signature().base64(), signature.signature().printableKeyId()));
    }
}
