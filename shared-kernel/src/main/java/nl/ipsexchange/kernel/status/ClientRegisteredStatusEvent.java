package nl.ipsexchange.kernel.status;

import java.time.LocalDate;
import java.util.Objects;

import org.axonframework.serialization.Revision;

import com.fasterxml.jackson.databind.node.ObjectNode;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.messaging.IntegrationEvent;
import nl.ipsexchange.kernel.messaging.IntegrationEventType;
import nl.ipsexchange.kernel.messaging.IntegrationEventUpcaster;

/**
 * De-identified status: a client was registered at an agency. Carries the sending agency's pseudonym of the client
 * (a keyed hash only that agency can compute, ADR 36) and the date only: no client id, name, citizen service number,
 * date of birth, benefit or municipality. Published on {@code ips.status} for every agency's decision makers.
 */
@IntegrationEventType("ClientRegistered")
@Revision("2")
public record ClientRegisteredStatusEvent(String clientPseudonym, Agency registeredAt, LocalDate registeredOn)
        implements IntegrationEvent {

    public ClientRegisteredStatusEvent {
        Objects.requireNonNull(clientPseudonym, "clientPseudonym");
        Objects.requireNonNull(registeredAt, "registeredAt");
        Objects.requireNonNull(registeredOn, "registeredOn");
    }

    /**
     * Version 1 carried the client's id. A receiver cannot pseudonymise it (only the sender holds the key), so the
     * value stays as it was sent, already on the topic; no event sent from version 2 on carries an id (ADR 36).
     */
    public static final class FromVersion1 implements IntegrationEventUpcaster {
        @Override
        public String type() {
            return "ClientRegistered";
        }

        @Override
        public int fromVersion() {
            return 1;
        }

        @Override
        public ObjectNode upcast(ObjectNode payload) {
            payload.set("clientPseudonym", payload.remove("clientId"));
            return payload;
        }
    }

    @Override
    public String subject() {
        return clientPseudonym;
    }
}
