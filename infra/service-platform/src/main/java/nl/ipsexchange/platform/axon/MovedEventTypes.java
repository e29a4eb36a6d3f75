package nl.ipsexchange.platform.axon;

import java.util.function.Function;

import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Events stored while their classes lived in another package (a context moved out of the platform, ADR 0039) read as
 * the same classes in their new package, at the revision they were stored with and with the payload unchanged: Axon's
 * serializer stores the class name. Axon picks up every {@code EventUpcaster} bean; this one runs before any revision
 * upcaster of those events would.
 */
public class MovedEventTypes extends SingleEventUpcaster {

    private final String formerPackage;
    private final String newPackage;

    /** Both packages with their trailing dot, e.g. {@code "nl.ipsexchange.platform.funding."}. */
    public MovedEventTypes(String formerPackage, String newPackage) {
        this.formerPackage = formerPackage;
        this.newPackage = newPackage;
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return representation.getType().getName().startsWith(formerPackage);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        SerializedType stored = representation.getType();
        SerializedType moved = new SimpleSerializedType(
                newPackage + stored.getName().substring(formerPackage.length()), stored.getRevision());
        return representation.upcastPayload(moved, JsonNode.class, Function.identity());
    }
}
