package nl.ipsexchange.infra.eventstore;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.IntStream;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before the relays start, each one's token segments are brought to the number it is configured with (ADR 12, ADR
 * 16: one; they were pooled processors with sixteen). A store that already has
 * exactly that many ({@code 0..n-1}) is left alone, and so is a store without tokens (the processor initialises it).
 * Otherwise every segment is replaced by the new ones, all at the lower bound of the old tokens: events past the
 * slowest old segment are relayed again (receivers recognise their event ids), none is skipped.
 */
public final class RelayTokenSegments {

    private static final Logger log = LoggerFactory.getLogger(RelayTokenSegments.class);

    private RelayTokenSegments() {
    }

    /** @param segments per processor, the number of segments it runs with (a power of two) */
    public static void arrange(TokenStore tokens, TransactionManager transactions, Map<String, Integer> segments) {
        segments.forEach((processor, count) -> transactions.executeInTransaction(
                () -> arrange(tokens, processor, count)));
    }

    private static void arrange(TokenStore tokens, String processor, int count) {
        if (Integer.bitCount(count) != 1) {
            throw new IllegalArgumentException(processor + ": " + count + " segments is not a power of two");
        }
        int[] existing = tokens.fetchSegments(processor);
        if (existing.length == 0 || Arrays.equals(Arrays.stream(existing).sorted().toArray(),
                IntStream.range(0, count).toArray())) {
            return;
        }
        TrackingToken lowest = null;
        boolean fromTheStart = false;
        for (int segment : existing) {
            TrackingToken token = WrappedToken.unwrapLowerBound(tokens.fetchToken(processor, segment));
            if (token == null) {
                fromTheStart = true;
            } else {
                lowest = lowest == null ? token : lowest.lowerBound(token);
            }
        }
        TrackingToken start = fromTheStart ? null : lowest;
        for (int segment : existing) {
            if (segment != 0) {
                tokens.deleteToken(processor, segment);
            }
        }
        tokens.storeToken(start, processor, 0);
        tokens.releaseClaim(processor, 0);
        for (int segment = 1; segment < count; segment++) {
            tokens.initializeSegment(start, processor, segment);
        }
        log.info("{}: {} token segments replaced by {} at their lower bound", processor, existing.length, count);
    }
}
