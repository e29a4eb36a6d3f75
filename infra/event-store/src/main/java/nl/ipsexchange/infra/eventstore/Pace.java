package nl.ipsexchange.infra.eventstore;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Turns taken no sooner than {@code interval} after the previous one, the way Nagle's algorithm and Kafka's
 * {@code linger.ms} pace their sends: the first turn, and a turn after a quiet spell of at least {@code interval},
 * go at once. Used where every turn has a fixed cost whatever it carries (a relay's batch, ADR 22; a read of the
 * event store's tail, ADR 23), so that a steady trickle pays that cost once per interval instead of once per event.
 */
final class Pace {

    /** How a turn waits (a test's clock does not move by itself). */
    interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    static final Sleeper THREAD_SLEEP = TimeUnit.NANOSECONDS::sleep;

    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    /** When the previous turn was taken, or far enough in the past when none was yet. */
    private long previous;

    Pace(Duration interval, LongSupplier nanoTime, Sleeper sleeper) {
        if (interval.isNegative()) {
            throw new IllegalArgumentException("a pace must not be negative: " + interval);
        }
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
        this.previous = nanoTime.getAsLong() - intervalNanos;
    }

    /**
     * Waits out the rest of the interval since the previous turn, if any is left, and takes this turn. An interrupted
     * wait ends early with the interrupt: the turn is then not taken.
     */
    synchronized void awaitTurn() throws InterruptedException {
        long wait = previous + intervalNanos - nanoTime.getAsLong();
        if (wait > 0) {
            sleeper.sleep(wait);
        }
        previous = nanoTime.getAsLong();
    }
}
