package nl.ipsexchange.kernel.consent;

import java.time.Instant;
import java.util.UUID;

import org.axonframework.serialization.Revision;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.messaging.IntegrationEvent;
import nl.ipsexchange.kernel.messaging.IntegrationEventType;

/**
 * A consent ended: revoked by the client or expired. The recipient stops showing what it covered at once and
 * erases what it received under it.
 */
@IntegrationEventType("ConsentEnded")
@Revision("1")
public record ConsentEndedEvent(UUID consentId, String clientId, Agency recipient, Instant endedAt, Reason reason)
        implements IntegrationEvent {

    public enum Reason {
        REVOKED,
        EXPIRED
    }

    @Override
    public String subject() {
        return clientId;
    }
}
