package nl.ipsexchange.infra.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import java.util.Map;
import java.util.Set;

import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import nl.ipsexchange.testsupport.TestInfrastructure;

/**
 * The relays' tokens are brought to the number of segments each runs with, at the lower bound of the old ones: none
 * skipped, an open gap stays open; a store with the right segments, or none, is left alone.
 */
class RelayTokenSegmentsTest {

    private static final String PUBLISHER = "integration-publisher";
    private static final String AUDIT = "audit-relay";

    private JdbcTokenStore tokens;

    @BeforeEach
    void freshStore() {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        String url = EventStoreDatabase.fresh("token_segments");
        tokens = JdbcTokenStore.builder()
                .connectionProvider(() -> DriverManager.getConnection(url, infrastructure.user(),
                        infrastructure.password()))
                .serializer(EventStoreSerializers.json())
                .schema(EventStoreSchema.tokens())
                .build();
    }

    @Test
    void pooledSegmentsBecomeTheConfiguredNumberAtTheirLowerBound() {
        storeFourSegments(PUBLISHER);
        storeFourSegments(AUDIT);

        RelayTokenSegments.arrange(tokens, NoTransactionManager.INSTANCE, Map.of(PUBLISHER, 2, AUDIT, 1));

        assertThat(tokens.fetchSegments(PUBLISHER)).containsExactly(0, 1);
        for (int segment : new int[] {0, 1}) {
            GapAwareTrackingToken token = (GapAwareTrackingToken) tokens.fetchToken(PUBLISHER, segment);
            assertThat(token.getIndex()).isLessThanOrEqualTo(7);
            assertThat(token.covers(GapAwareTrackingToken.newInstance(5, Set.of()))).as("the gap stays open")
                    .isFalse();
        }
        assertThat(tokens.fetchAvailableSegments(PUBLISHER)).extracting(Segment::getMask).containsOnly(1);
        assertThat(tokens.fetchSegments(AUDIT)).containsExactly(0);
        assertThat(((GapAwareTrackingToken) tokens.fetchToken(AUDIT, 0)).getIndex()).isLessThanOrEqualTo(7);
    }

    @Test
    void oneSegmentIsSplitIntoTwoAtTheSameToken() {
        tokens.initializeTokenSegments(PUBLISHER, 1, GapAwareTrackingToken.newInstance(42, Set.of(40L)));

        RelayTokenSegments.arrange(tokens, NoTransactionManager.INSTANCE, Map.of(PUBLISHER, 2));

        assertThat(tokens.fetchSegments(PUBLISHER)).containsExactly(0, 1);
        assertThat(tokens.fetchToken(PUBLISHER, 0)).isEqualTo(GapAwareTrackingToken.newInstance(42, Set.of(40L)));
        assertThat(tokens.fetchToken(PUBLISHER, 1)).isEqualTo(GapAwareTrackingToken.newInstance(42, Set.of(40L)));
    }

    @Test
    void theRightSegmentsOrNoneAreLeftAlone() {
        tokens.initializeTokenSegments(PUBLISHER, 2, GapAwareTrackingToken.newInstance(3, Set.of()));
        tokens.fetchToken(PUBLISHER, 1);
        tokens.storeToken(GapAwareTrackingToken.newInstance(9, Set.of()), PUBLISHER, 1);
        tokens.releaseClaim(PUBLISHER, 1);

        RelayTokenSegments.arrange(tokens, NoTransactionManager.INSTANCE, Map.of(PUBLISHER, 2, AUDIT, 1));

        assertThat(((GapAwareTrackingToken) tokens.fetchToken(PUBLISHER, 0)).getIndex()).isEqualTo(3);
        assertThat(((GapAwareTrackingToken) tokens.fetchToken(PUBLISHER, 1)).getIndex()).isEqualTo(9);
        assertThat(tokens.fetchSegments(AUDIT)).isEmpty();
    }

    private void storeFourSegments(String processor) {
        tokens.initializeTokenSegments(processor, 4);
        tokens.storeToken(GapAwareTrackingToken.newInstance(10, Set.of()), processor, 0);
        tokens.storeToken(GapAwareTrackingToken.newInstance(7, Set.of(5L)), processor, 1);
        tokens.storeToken(GapAwareTrackingToken.newInstance(12, Set.of()), processor, 2);
        tokens.storeToken(GapAwareTrackingToken.newInstance(9, Set.of()), processor, 3);
        for (int segment = 0; segment < 4; segment++) {
            tokens.releaseClaim(processor, segment);
        }
    }
}
