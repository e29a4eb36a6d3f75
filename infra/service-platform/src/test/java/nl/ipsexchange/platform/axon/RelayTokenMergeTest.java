package nl.ipsexchange.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import java.util.List;
import java.util.Set;

import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.junit.jupiter.api.Test;

import nl.ipsexchange.platform.PlatformDatabase;
import nl.ipsexchange.testsupport.TestInfrastructure;

/** A relay's pooled tokens (several segments) become one tracking segment at their lower bound: nothing skipped. */
class RelayTokenMergeTest {

    @Test
    void severalSegmentsAreMergedIntoSegmentZeroAtTheirLowerBoundAndOneSegmentIsLeftAlone() {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        String url = PlatformDatabase.fresh("token_merge").getUrl();
        JdbcTokenStore tokens = JdbcTokenStore.builder()
                .connectionProvider(() -> DriverManager.getConnection(url, infrastructure.user(),
                        infrastructure.password()))
                .serializer(AxonStorageConfiguration.jsonSerializer())
                .schema(new AxonStorageConfiguration().tokenSchema())
                .build();
        tokens.initializeTokenSegments("integration-publisher", 4);
        tokens.storeToken(GapAwareTrackingToken.newInstance(10, Set.of()), "integration-publisher", 0);
        tokens.storeToken(GapAwareTrackingToken.newInstance(7, Set.of(5L)), "integration-publisher", 1);
        tokens.storeToken(GapAwareTrackingToken.newInstance(12, Set.of()), "integration-publisher", 2);
        tokens.storeToken(GapAwareTrackingToken.newInstance(9, Set.of()), "integration-publisher", 3);
        for (int segment = 0; segment < 4; segment++) {
            tokens.releaseClaim("integration-publisher", segment);
        }
        tokens.initializeTokenSegments("audit-relay", 1, GapAwareTrackingToken.newInstance(3, Set.of()));

        RelayTokenMerge.mergeIntoOneSegment(tokens, NoTransactionManager.INSTANCE,
                List.of("integration-publisher", "audit-relay"));

        assertThat(tokens.fetchSegments("integration-publisher")).containsExactly(0);
        GapAwareTrackingToken merged = (GapAwareTrackingToken) tokens.fetchToken("integration-publisher", 0);
        assertThat(merged.getIndex()).isLessThanOrEqualTo(7);
        assertThat(merged.covers(GapAwareTrackingToken.newInstance(5, Set.of()))).as("the gap stays open").isFalse();
        assertThat(tokens.fetchSegments("audit-relay")).containsExactly(0);
        assertThat(((GapAwareTrackingToken) tokens.fetchToken("audit-relay", 0)).getIndex()).isEqualTo(3);
    }
}
