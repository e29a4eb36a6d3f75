package nl.ipsexchange.kernel.sharing;

import java.time.Instant;
import java.util.Set;

import org.axonframework.serialization.Revision;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.messaging.IntegrationEvent;
import nl.ipsexchange.kernel.messaging.IntegrationEventType;

/** An agency asks the mental health agency for categories of a client's data, for a purpose. */
@IntegrationEventType("InformationRequested")
@Revision("1")
public record InformationRequestedEvent(String requestId, String clientId, Agency requestingAgency,
                                        String requestedBy, String role, Set<DataCategory> categories,
                                        Purpose purpose, Instant requestedAt) implements IntegrationEvent {

    @Override
    public String subject() {
        return clientId;
    }
}
