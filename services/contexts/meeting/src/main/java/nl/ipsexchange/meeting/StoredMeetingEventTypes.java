package nl.ipsexchange.meeting;

import java.util.function.Function;

import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Meeting events stored while the practitioner meeting lived in the service platform name their classes there
 * ({@code nl.ipsexchange.platform.meeting.command.MeetingMessages$...}); they read as the same classes in this module,
 * at the revision they were stored with and with the payload unchanged (ADR 0039). Axon picks up every
 * {@code EventUpcaster} bean; this one runs before any revision upcaster of these events would.
 */
public class StoredMeetingEventTypes extends SingleEventUpcaster {

    /** The package the meeting's classes had before ADR 0039. */
    static final String FORMER_PACKAGE = "nl.ipsexchange.platform.meeting.";

    private static final String PACKAGE = StoredMeetingEventTypes.class.getPackageName() + ".";

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return representation.getType().getName().startsWith(FORMER_PACKAGE);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        SerializedType stored = representation.getType();
        SerializedType moved = new SimpleSerializedType(
                PACKAGE + stored.getName().substring(FORMER_PACKAGE.length()), stored.getRevision());
        return representation.upcastPayload(moved, JsonNode.class, Function.identity());
    }
}
