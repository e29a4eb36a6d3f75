package nl.ipsexchange.platform.audit;

import java.util.ArrayList;

import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import nl.ipsexchange.kernel.audit.AccessRecordedEvent;

/**
 * Access records stored in this service's event store before revision 2 ({@code consentId}) read as revision 2
 * ({@code consentIds}), by the rule that upcasts them on the wire ({@link AccessRecordedEvent.FromVersion1}); here the
 * list is written as the event store's serializer writes collections, its Java type first (Jackson's default typing).
 */
public class StoredAccessRecordUpcaster extends SingleEventUpcaster {

    private static final SimpleSerializedType VERSION_1 =
            new SimpleSerializedType(AccessRecordedEvent.class.getName(), "1");
    private static final SimpleSerializedType VERSION_2 =
            new SimpleSerializedType(AccessRecordedEvent.class.getName(), "2");

    private final AccessRecordedEvent.FromVersion1 rule = new AccessRecordedEvent.FromVersion1();

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return representation.getType().equals(VERSION_1);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(VERSION_2, JsonNode.class, this::upcast);
    }

    private JsonNode upcast(JsonNode stored) {
        ObjectNode payload = rule.upcast(((ObjectNode) stored).deepCopy());
        payload.set("consentIds", payload.arrayNode().add(ArrayList.class.getName()).add(payload.get("consentIds")));
        return payload;
    }
}
