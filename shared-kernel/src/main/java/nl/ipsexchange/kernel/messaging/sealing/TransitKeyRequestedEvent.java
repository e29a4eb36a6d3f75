package nl.ipsexchange.kernel.messaging.sealing;

import java.util.UUID;

import org.axonframework.serialization.Revision;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.messaging.IntegrationEvent;
import nl.ipsexchange.kernel.messaging.IntegrationEventType;

/**
 * A recipient asked the sender for a transit key it holds no copy of, with the public half of a key pair made for
 * this request alone. Its subject is the key, not the client: the answer must not wait behind the client's messages.
 */
@IntegrationEventType("TransitKeyRequested")
@Revision("1")
public record TransitKeyRequestedEvent(UUID keyId, String clientId, Agency requester, String requesterPublicKey)
        implements IntegrationEvent {

    @Override
    public String subject() {
        return TransitKeys.subject(keyId);
    }
}
