package nl.ipsexchange.platform.axon;

import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Events stored while their classes had another name (a context moved out of the platform, ADR 0039; messages
 * gathered into one file per aggregate and kind, ADR 0042) read as the same classes under their new name, at the
 * revision they were stored with and with the payload unchanged: Axon's serializer stores the class name. Axon picks up
 * every {@code EventUpcaster} bean; this one runs before any revision upcaster of those events would.
 */
public class MovedEventTypes extends SingleEventUpcaster {

    /** The new name of a stored class name, or null when it was not moved. */
    private final UnaryOperator<String> newName;

    /** Every class of a package: both packages with a trailing dot, e.g. {@code "nl.ipsexchange.platform.funding."}. */
    public MovedEventTypes(String formerPackage, String newPackage) {
        this(name -> name.startsWith(formerPackage) ? newPackage + name.substring(formerPackage.length()) : null);
    }

    /** Exactly these stored class names, each to its new name. */
    public MovedEventTypes(Map<String, String> newNames) {
        this(newNames::get);
    }

    private MovedEventTypes(UnaryOperator<String> newName) {
        this.newName = newName;
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return newName.apply(representation.getType().getName()) != null;
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        SerializedType stored = representation.getType();
        SerializedType moved = new SimpleSerializedType(newName.apply(stored.getName()), stored.getRevision());
        return representation.upcastPayload(moved, JsonNode.class, Function.identity());
    }
}
