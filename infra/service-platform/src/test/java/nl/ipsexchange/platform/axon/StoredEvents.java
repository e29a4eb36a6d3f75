package nl.ipsexchange.platform.axon;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;

/** An event as the event store hands it to the upcasters, stored under a class name of the test's choosing. */
public final class StoredEvents {

    private StoredEvents() {
    }

    /** {@code event} serialized as the store does, at its class's revision, with {@code typeName} as its type. */
    public static IntermediateEventRepresentation storedAs(Serializer serializer, String typeName, Object event) {
        SerializedObject<byte[]> payload = serializer.serialize(event, byte[].class);
        return stored(serializer, typeName, payload.getType().getRevision(), payload.getData());
    }

    /** A payload as an earlier version wrote it: its JSON, type and revision as they stand in the store. */
    public static IntermediateEventRepresentation storedJson(Serializer serializer, String typeName, String revision,
                                                             String json) {
        return stored(serializer, typeName, revision, json.getBytes(StandardCharsets.UTF_8));
    }

    private static IntermediateEventRepresentation stored(Serializer serializer, String typeName, String revision,
                                                          byte[] payload) {
        return new InitialEventRepresentation(new GenericDomainEventEntry<>("Aggregate", "a-1", 0,
                UUID.randomUUID().toString(), Instant.parse("2026-03-05T14:05:12Z"), typeName, revision, payload,
                "{}".getBytes(StandardCharsets.UTF_8)), serializer);
    }
}
