package nl.ipsexchange.infra.eventstore;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;

/**
 * The event store as the relays read it: a relay that has just taken a batch lets the next one gather for up to
 * {@code linger} before it takes it, the way Nagle's algorithm and Kafka's {@code linger.ms} do (ADR 22).
 * <p>
 * Every batch a relay takes costs the same whatever it holds: a transaction that moves its token, a produce request
 * the broker writes and flushes to disk, a wait for the acknowledgement. Under a steady trickle of commands each
 * batch held two or three events, and that fixed cost, on the two cores the commands themselves need, took a third
 * of what one client could register. Lingering makes it one batch per {@code linger} however many events arrive
 * meanwhile.
 * <p>
 * An event that arrives after a quiet spell (at least {@code linger} since the last batch) is taken at once: a
 * practitioner's single action never waits. Under load a relay's own batch takes longer than {@code linger}, so it
 * never waits then either. The wait is only ever at the start of a batch, while the stream has an event ready, and
 * never holds a transaction or a connection.
 * <p>
 * A relay's wait for the next event is made of waits of at most {@link #LONGEST_SINGLE_WAIT} on the store's stream
 * (ADR 28). Axon's embedded event store can miss its producer's signal: a stream at the head looks for the next event
 * before it locks and waits, and when the producer links a whole batch and signals in between, the wait runs to its
 * end with the batch there and answers "nothing available". A tracking processor waits up to a second at a time, so
 * that cost a relayed message or a revocation up to a second; with shorter waits it costs at most one of them.
 */
public final class LingeringEventSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    /** The longest a relay waits on the store's stream before it looks again (ADR 28). */
    static final Duration LONGEST_SINGLE_WAIT = Duration.ofMillis(50);

    private final StreamableMessageSource<TrackedEventMessage<?>> delegate;
    private final Duration linger;
    private final LongSupplier nanoTime;
    private final Pace.Sleeper sleeper;

    public LingeringEventSource(StreamableMessageSource<TrackedEventMessage<?>> delegate, Duration linger) {
        this(delegate, linger, System::nanoTime, Pace.THREAD_SLEEP);
    }

    LingeringEventSource(StreamableMessageSource<TrackedEventMessage<?>> delegate, Duration linger,
                         LongSupplier nanoTime, Pace.Sleeper sleeper) {
        if (linger.isNegative()) {
            throw new IllegalArgumentException("linger must not be negative: " + linger);
        }
        this.delegate = delegate;
        this.linger = linger;
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
    }

    /** How long a batch may gather after the previous one. */
    public Duration linger() {
        return linger;
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        return new LingeringStream(delegate.openStream(trackingToken));
    }

    @Override
    public TrackingToken createTailToken() {
        return delegate.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return delegate.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return delegate.createTokenAt(dateTime);
    }

    @Override
    public TrackingToken createTokenSince(Duration duration) {
        return delegate.createTokenSince(duration);
    }

    /**
     * A stream whose waiting availability check (the one a tracking processor starts each batch with) answers
     * {@code true} no sooner than {@code linger} after it last did, and waits on the store's stream at most
     * {@link #LONGEST_SINGLE_WAIT} at a time; its other methods are the store's own.
     */
    final class LingeringStream implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> stream;
        /** One turn per batch. */
        private final Pace batches = new Pace(linger, nanoTime, sleeper);

        LingeringStream(BlockingStream<TrackedEventMessage<?>> stream) {
            this.stream = stream;
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            if (!availableWithin(unit.toMillis(timeout))) {
                return false;
            }
            batches.awaitTurn();
            return true;
        }

        /** Waits of at most the longest single wait, together as long as asked: a missed signal costs one of them. */
        private boolean availableWithin(long timeoutMillis) throws InterruptedException {
            long left = timeoutMillis;
            do {
                long wait = Math.min(left, LONGEST_SINGLE_WAIT.toMillis());
                if (stream.hasNextAvailable((int) wait, TimeUnit.MILLISECONDS)) {
                    return true;
                }
                left -= wait;
            } while (left > 0);
            return false;
        }

        @Override
        public boolean hasNextAvailable() {
            return stream.hasNextAvailable();
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return stream.peek();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return stream.nextAvailable();
        }

        @Override
        public void close() {
            stream.close();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            stream.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            return stream.setOnAvailableCallback(callback);
        }
    }
}
