package nl.ipsexchange.kernel.audit;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.axonframework.serialization.Revision;

import nl.ipsexchange.kernel.ClientIds;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.messaging.IntegrationEvent;
import nl.ipsexchange.kernel.messaging.IntegrationEventType;

/**
 * An access record: who did what with which categories of a client's data, for what purpose, under which consent,
 * and whether it was permitted. Never holds the data itself. Written by every agency, sent to {@code ips.audit}.
 *
 * @param agency    the agency's code, e.g. {@code BENEFITS}
 * @param userId    the user, or {@code system} for the platform acting on its own (relaying, erasing)
 * @param role      the user's role, {@code null} for the system
 * @param purpose   the purpose, when there is one
 * @param consentId the consent relied on, when there is one
 * @param reason    why it was denied, or other context; never data content
 */
@IntegrationEventType("AccessRecorded")
@Revision("1")
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
        UUID consentId,
        AccessOutcome outcome,
        String reason) implements IntegrationEvent {

    public static final String SYSTEM_USER = "system";

    public AccessRecordedEvent {
        // one spelling per client, however the id was typed where the access happened
        clientId = ClientIds.canonical(clientId);
    }

    @Override
    public String subject() {
        return clientId;
    }
}
