package nl.ipsexchange.kernel.messaging;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import nl.ipsexchange.kernel.Agency;

/**
 * What every message between agencies looks like on Kafka.
 *
 * @param eventId       unique and stable for the event: a redelivery carries the same id, so receivers deduplicate by it
 * @param type          the integration event's type name, e.g. {@code ClientRegistered}
 * @param schemaVersion the version of the payload's schema; older versions are upcast on receipt
 * @param sourceAgency  the agency that sent it
 * @param subject       the pseudonymous client id the event is about (never a citizen service number); on
 *                      {@code ips.status} the sending agency's own pseudonym of the client or trajectory (ADR 36)
 * @param occurredAt    when it happened at the source
 * @param consent       for personal data: the consent, purpose and categories it is sent under; {@code null} for
 *                      data that is not personal (de-identified status, team-level fidelity data)
 * @param payload       the event itself, as JSON
 */
public record EventEnvelope(
        UUID eventId,
        String type,
        int schemaVersion,
        Agency sourceAgency,
        String subject,
        Instant occurredAt,
        ConsentReference consent,
        JsonNode payload) {

    public EventEnvelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(sourceAgency, "sourceAgency");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(payload, "payload");
        if (schemaVersion < 1) {
            throw new IllegalArgumentException("schemaVersion must be at least 1");
        }
    }

    public boolean carriesPersonalData() {
        return consent != null;
    }
}
