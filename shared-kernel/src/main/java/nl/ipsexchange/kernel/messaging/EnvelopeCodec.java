package nl.ipsexchange.kernel.messaging;

import java.io.IOException;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.messaging.sealing.AuditSealing;
import nl.ipsexchange.kernel.messaging.sealing.EnvelopeSealing;

/**
 * Reads and writes {@link EventEnvelope}s as JSON, and turns an envelope's payload into its integration event
 * record, upcasting older schema versions on the way. Error messages name what is wrong, never the content.
 */
public final class EnvelopeCodec {

    private final ObjectMapper mapper;
    private final IntegrationEventCatalog catalog;

    public EnvelopeCodec() {
        this(IntegrationEventCatalog.standard());
    }

    EnvelopeCodec(IntegrationEventCatalog catalog) {
        this.catalog = catalog;
        this.mapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                // a category that is not shared is absent from the message, not present as null
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
    }

    /** Wraps an event for sending. */
    public EventEnvelope wrap(UUID eventId, Agency source, Instant occurredAt, ConsentReference consent,
                              IntegrationEvent event) {
        Class<? extends IntegrationEvent> eventClass = event.getClass();
        return new EventEnvelope(eventId, IntegrationEventCatalog.typeOf(eventClass),
                IntegrationEventCatalog.versionOf(eventClass), source, event.subject(), occurredAt, consent,
                mapper.valueToTree(event));
    }

    public byte[] encode(EventEnvelope envelope) {
        try {
            return mapper.writeValueAsBytes(envelope);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write envelope of " + envelope.type(), e);
        }
    }

    public EventEnvelope decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new MalformedMessageException("empty message");
        }
        try {
            return mapper.readValue(bytes, EventEnvelope.class);
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            // the cause of a Jackson error may quote the content; keep only the field name
            throw new MalformedMessageException("not a valid event envelope" + fieldHint(e));
        }
    }

    /** The envelope's payload as the current version of its integration event. */
    public IntegrationEvent payload(EventEnvelope envelope) {
        Class<? extends IntegrationEvent> eventClass = catalog.classOf(envelope.type())
                .orElseThrow(() -> new MalformedMessageException("unknown event type " + envelope.type()));
        int current = IntegrationEventCatalog.versionOf(eventClass);
        if (envelope.schemaVersion() > current) {
            throw new MalformedMessageException(envelope.type() + " version " + envelope.schemaVersion()
                    + " is newer than this service knows (" + current + ")");
        }
        if (!(envelope.payload() instanceof ObjectNode)) {
            throw new MalformedMessageException(envelope.type() + " payload is not a JSON object");
        }
        if (envelope.payload().has(EnvelopeSealing.SEALED) || envelope.payload().has(EnvelopeSealing.SEALED_FOR_ISSUER)
                || envelope.payload().has(AuditSealing.SEALED_RECORD)) {
            // a sealed payload read as the event would be an event without its personal data, silently
            throw new MalformedMessageException(envelope.type() + " is sealed: it is opened before it is read");
        }
        ObjectNode payload = ((ObjectNode) envelope.payload()).deepCopy();
        for (int version = envelope.schemaVersion(); version < current; version++) {
            int from = version;
            payload = catalog.upcasterFrom(envelope.type(), from)
                    .orElseThrow(() -> new MalformedMessageException(
                            "no upcaster for " + envelope.type() + " version " + from))
                    .upcast(payload);
        }
        try {
            return mapper.treeToValue(payload, eventClass);
        } catch (IOException | IllegalArgumentException e) {
            throw new MalformedMessageException(envelope.type() + " payload is invalid" + fieldHint(e));
        }
    }

    public JsonNode toJson(Object value) {
        return mapper.valueToTree(value);
    }

    public JsonNode readTree(String json) {
        try {
            return mapper.readTree(json);
        } catch (IOException e) {
            throw new MalformedMessageException("not JSON" + fieldHint(e));
        }
    }

    public <T> T convert(JsonNode json, Class<T> type) {
        try {
            return mapper.treeToValue(json, type);
        } catch (IOException e) {
            throw new MalformedMessageException("not a " + type.getSimpleName() + fieldHint(e));
        }
    }

    private static String fieldHint(Exception e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            StringBuilder path = new StringBuilder();
            for (var reference : mapping.getPath()) {
                if (reference.getFieldName() != null) {
                    path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
                }
            }
            return path.isEmpty() ? "" : " (field " + path + ")";
        }
        return "";
    }
}
