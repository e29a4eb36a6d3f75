package nl.ipsexchange.kernel.messaging.sealing;

import java.util.UUID;

import org.axonframework.serialization.Revision;

import nl.ipsexchange.kernel.messaging.IntegrationEvent;
import nl.ipsexchange.kernel.messaging.IntegrationEventType;

/** The sender refused a requested transit key: it no longer exists, is not the requester's, or no consent covers it. */
@IntegrationEventType("TransitKeyRefused")
@Revision("1")
public record TransitKeyRefusedEvent(UUID keyId, String clientId, String reason) implements IntegrationEvent {

    @Override
    public String subject() {
        return TransitKeys.subject(keyId);
    }
}
