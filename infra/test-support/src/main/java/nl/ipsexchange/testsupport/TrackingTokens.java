package nl.ipsexchange.testsupport;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Axon's tracking tokens as a service stores them ({@code token_entry.token}, JSON), read by a test. */
public final class TrackingTokens {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TrackingTokens() {
    }

    /** A processor's position: the highest global index seen and the gaps below it (a GapAwareTrackingToken). */
    public record Position(long index, Set<Long> gaps) {

        /** Whether the event at {@code globalIndex} is behind this position. */
        public boolean covers(long globalIndex) {
            return index >= globalIndex && !gaps.contains(globalIndex);
        }
    }

    /**
     * Whether the processor whose stored token this is has passed the event at {@code globalIndex}; a negative index
     * (an empty event store) is passed by any token, also by none.
     */
    public static boolean passed(String token, long globalIndex) {
        Position position = position(token);
        return position == null ? globalIndex < 0 : position.covers(globalIndex);
    }

    /**
     * The position of a stored token, a replay's or merge's unwrapped to where it is; null for a segment without a
     * token, or one whose JSON holds no position.
     */
    public static Position position(String token) {
        if (token == null) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(token);
            while (node != null && !node.has("index")) {
                node = node.has("currentToken") ? node.get("currentToken") : node.get("tokenAtReset");
            }
            if (node == null) {
                return null;
            }
            Set<Long> gaps = new HashSet<>();
            node.path("gaps").forEach(gap -> gaps.add(gap.asLong()));
            return new Position(node.get("index").asLong(), gaps);
        } catch (IOException e) {
            return null;
        }
    }
}
