package nl.ipsexchange.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

class TrackingTokensTest {

    @Test
    void aGapAwareTokenIsItsIndexAndGaps() {
        TrackingTokens.Position position = TrackingTokens.position("{\"index\":41,\"gaps\":[38,39]}");

        assertThat(position).isEqualTo(new TrackingTokens.Position(41, Set.of(38L, 39L)));
        assertThat(position.covers(41)).isTrue();
        assertThat(position.covers(37)).isTrue();
        assertThat(position.covers(38)).as("a gap: not seen yet").isFalse();
        assertThat(position.covers(42)).isFalse();
    }

    @Test
    void aReplaysTokenIsWhereTheReplayIs() {
        TrackingTokens.Position position = TrackingTokens.position(
                "{\"tokenAtReset\":{\"index\":90,\"gaps\":[]},\"currentToken\":{\"index\":12,\"gaps\":[]}}");

        assertThat(position.index()).isEqualTo(12);
    }

    @Test
    void aTokenHasPassedWhatItCoversAndAnEmptyStoreIsPassedWithoutOne() {
        String token = "{\"index\":41,\"gaps\":[38]}";

        assertThat(TrackingTokens.passed(token, 41)).isTrue();
        assertThat(TrackingTokens.passed(token, 38)).as("a gap").isFalse();
        assertThat(TrackingTokens.passed(token, 42)).isFalse();
        assertThat(TrackingTokens.passed(null, 0)).as("no token yet, one event stored").isFalse();
        assertThat(TrackingTokens.passed(null, -1)).as("nothing stored").isTrue();
    }

    @Test
    void noTokenOrNoPositionIsNone() {
        assertThat(TrackingTokens.position(null)).isNull();
        assertThat(TrackingTokens.position("{\"something\":\"else\"}")).isNull();
        assertThat(TrackingTokens.position("not json")).isNull();
    }
}
