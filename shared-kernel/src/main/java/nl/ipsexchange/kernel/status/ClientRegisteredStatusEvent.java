package nl.ipsexchange.kernel.status;

import java.time.LocalDate;
import java.util.Objects;

import org.axonframework.serialization.Revision;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.messaging.IntegrationEvent;
import nl.ipsexchange.kernel.messaging.IntegrationEventType;

/**
 * De-identified status: a client was registered at an agency. Carries the pseudonymous client id and the
 * date only: no name, citizen service number, date of birth, benefit or municipality. Published on
 * {@code ips.status} for every agency's decision makers.
 */
@IntegrationEventType("ClientRegistered")
@Revision("1")
public record ClientRegisteredStatusEvent(String clientId, Agency registeredAt, LocalDate registeredOn)
        implements IntegrationEvent {

    public ClientRegisteredStatusEvent {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(registeredAt, "registeredAt");
        Objects.requireNonNull(registeredOn, "registeredOn");
    }

    @Override
    public String subject() {
        return clientId;
    }
}
