package nl.ipsexchange.mha.command.trajectory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;

import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.JobCoachingRecordedEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.PlacementEndedEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.PlacementStartedEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.TrajectoryClosedEvent;

/**
 * A trajectory step at revision 1 reads as revision 2. Revision 1 was written both before steps named their funder
 * (no {@code funder} field at all) and after ({@code funder} present, null for a trajectory without one), so the
 * field's presence tells the two apart: only a step without it has its funder, and a placement's end what its start
 * said, in the trajectory's history ({@code funderInHistory}).
 */
@Component
public class StepsStoredBeforeTheirFunder extends SingleEventUpcaster {

    private static final Set<String> STEPS = Set.of(PlacementStartedEvent.class.getName(),
            PlacementEndedEvent.class.getName(), JobCoachingRecordedEvent.class.getName(),
            TrajectoryClosedEvent.class.getName());
    /** Read as written: the event store's own mapper would read 1650.00 as the double 1650.0. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return STEPS.contains(representation.getType().getName())
                && "1".equals(representation.getType().getRevision());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(new SimpleSerializedType(representation.getType().getName(), "2"),
                byte[].class, StepsStoredBeforeTheirFunder::upcast);
    }

    private static byte[] upcast(byte[] stored) {
        try {
            ObjectNode payload = (ObjectNode) JSON.readTree(stored);
            payload.put("funderInHistory", !payload.has("funder"));
            return JSON.writeValueAsBytes(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
