package nl.ipsexchange.platform.axon;

import java.util.List;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relays run as tracking processors with one segment (they were pooled processors with sixteen). Before they
 * start, the tokens of a store that still has several segments are merged into segment 0 at their lower bound: events
 * past the slowest segment are relayed again (receivers recognise their event ids), none is skipped. A one-segment
 * store is left alone.
 */
public final class RelayTokenMerge {

    private static final Logger log = LoggerFactory.getLogger(RelayTokenMerge.class);

    private RelayTokenMerge() {
    }

    public static void mergeIntoOneSegment(TokenStore tokens, TransactionManager transactions,
                                           List<String> processors) {
        for (String processor : processors) {
            transactions.executeInTransaction(() -> merge(tokens, processor));
        }
    }

    private static void merge(TokenStore tokens, String processor) {
        int[] segments = tokens.fetchSegments(processor);
        if (segments.length <= 1) {
            return;
        }
        TrackingToken lowest = null;
        boolean fromTheStart = false;
        for (int segment : segments) {
            TrackingToken token = WrappedToken.unwrapLowerBound(tokens.fetchToken(processor, segment));
            if (token == null) {
                fromTheStart = true;
            } else {
                lowest = lowest == null ? token : lowest.lowerBound(token);
            }
        }
        for (int segment : segments) {
            if (segment != 0) {
                tokens.deleteToken(processor, segment);
            }
        }
        tokens.storeToken(fromTheStart ? null : lowest, processor, 0);
        tokens.releaseClaim(processor, 0);
        log.info("merged {} token segments of {} into one at their lower bound", segments.length, processor);
    }
}
