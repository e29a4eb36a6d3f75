package nl.ipsexchange.kernel.messaging.sealing;

import java.util.UUID;

import org.axonframework.serialization.Revision;

import nl.ipsexchange.kernel.messaging.IntegrationEvent;
import nl.ipsexchange.kernel.messaging.IntegrationEventType;

/**
 * The sender granted a requested transit key: wrapped for the request's key pair only ({@link KeyExchange}), with
 * the public half of the sender's own pair for this answer.
 */
@IntegrationEventType("TransitKeyGranted")
@Revision("1")
public record TransitKeyGrantedEvent(UUID keyId, String clientId, String senderPublicKey, String wrappedKey)
        implements IntegrationEvent {

    @Override
    public String subject() {
        return TransitKeys.subject(keyId);
    }

    public KeyExchange.Wrapped wrapped() {
        return new KeyExchange.Wrapped(senderPublicKey, wrappedKey);
    }
}
