package nl.ipsexchange.platform.messaging;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Counts how often a message received live has failed, and judges a failure: one that passes by itself (the database
 * or broker is away) is retried for as long as it takes and never counted; any other is retried until it has failed
 * the given number of times, then the message is parked.
 */
final class FailedAttempts {

    /** What becomes of a failed message, and after how many counted attempts (0 when not counted). */
    record Verdict(boolean park, int attempts) {

        /** A failure that passes by itself: retried, never counted. */
        boolean passesByItself() {
            return attempts == 0;
        }
    }

    /** Enough to remember every message a reader retries at once; the eldest is forgotten first. */
    static final int REMEMBERED = 10_000;

    private final int beforeParking;
    private final Map<UUID, Integer> failures = Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Integer> eldest) {
            return size() > REMEMBERED;
        }
    });

    FailedAttempts(int beforeParking) {
        this.beforeParking = beforeParking;
    }

    Verdict judge(UUID eventId, RuntimeException failure) {
        if (MessageFailures.isTransient(failure)) {
            return new Verdict(false, 0);
        }
        int attempts = failures.merge(eventId, 1, Integer::sum);
        return new Verdict(attempts >= beforeParking, attempts);
    }

    /** The message was handled, or parked: a later failure of the same id starts counting afresh. */
    void forget(UUID eventId) {
        failures.remove(eventId);
    }
}
