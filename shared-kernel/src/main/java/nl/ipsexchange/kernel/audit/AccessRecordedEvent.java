package nl.ipsexchange.kernel.audit;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.axonframework.serialization.Revision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import nl.ipsexchange.kernel.ClientIds;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.messaging.IntegrationEvent;
import nl.ipsexchange.kernel.messaging.IntegrationEventType;
import nl.ipsexchange.kernel.messaging.IntegrationEventUpcaster;

/**
 * An access record: who did what with which categories of a client's data, for what purpose, under which consent,
 * and whether it was permitted. Never holds the data itself. Written by every agency, sent to {@code ips.audit}.
 *
 * @param agency    the agency's code, e.g. {@code BENEFITS}
 * @param userId    the user, or {@code system} for the platform acting on its own (relaying, erasing)
 * @param role      the user's role, {@code null} for the system
 * @param purpose   the purpose, when there is one
 * @param consentIds every consent relied on (a read or disclosure of several categories may rest on several), in
 *                   order, each once; empty when there is none
 * @param reason    why it was denied, or other context; never data content
 */
@IntegrationEventType("AccessRecorded")
@Revision("2")
public record AccessRecordedEvent(
        UUID recordId,
        Instant time,
        String agency,
        String userId,
        String role,
        String clientId,
        Set<DataCategory> categories,
        AccessAction action,
        Purpose purpose,
        List<UUID> consentIds,
        AccessOutcome outcome,
        String reason) implements IntegrationEvent {

    public static final String SYSTEM_USER = "system";

    public AccessRecordedEvent {
        // one spelling per client, however the id was typed where the access happened
        clientId = ClientIds.canonical(clientId);
        consentIds = ordered(consentIds);
    }

    /** The consent ids in order, each once; none for null. */
    public static List<UUID> ordered(Collection<UUID> consentIds) {
        return consentIds == null ? List.of() : consentIds.stream().distinct().sorted().toList();
    }

    /** Version 1 named one consent ({@code consentId}, or null) even where a disclosure rested on several. */
    public static final class FromVersion1 implements IntegrationEventUpcaster {
        @Override
        public String type() {
            return "AccessRecorded";
        }

        @Override
        public int fromVersion() {
            return 1;
        }

        @Override
        public ObjectNode upcast(ObjectNode payload) {
            JsonNode consentId = payload.remove("consentId");
            ArrayNode consentIds = payload.putArray("consentIds");
            if (consentId != null && !consentId.isNull()) {
                consentIds.add(consentId.asText());
            }
            return payload;
        }
    }

    @Override
    public String subject() {
        return clientId;
    }
}
