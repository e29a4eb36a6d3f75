package nl.ipsexchange.infra.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.StreamableMessageSource;
import org.junit.jupiter.api.Test;

/** The relays' view of the event store: batches gather for up to the linger after the previous one. */
class LingeringEventSourceTest {

    private static final long MS = 1_000_000L;

    private final AtomicLong clock = new AtomicLong(1_000 * MS);
    private final List<Long> slept = new ArrayList<>();
    private final Store store = new Store();
    private final LingeringEventSource source = new LingeringEventSource(store, Duration.ofMillis(20), clock::get,
            nanos -> {
                slept.add(nanos);
                clock.addAndGet(nanos);
            });

    @Test
    void theFirstBatchOfAStreamIsTakenAtOnce() throws InterruptedException {
        BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null);
        store.append(1);

        assertThat(stream.hasNextAvailable(1, TimeUnit.SECONDS)).isTrue();
        assertThat(slept).isEmpty();
    }

    @Test
    void aBatchRightAfterAnotherWaitsOutTheRestOfTheLinger() throws InterruptedException {
        BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null);
        store.append(1);
        assertThat(stream.hasNextAvailable(1, TimeUnit.SECONDS)).isTrue();
        stream.nextAvailable();

        clock.addAndGet(6 * MS); // the relay's batch took 6 ms; meanwhile the next event arrived
        store.append(2);
        assertThat(stream.hasNextAvailable(1, TimeUnit.SECONDS)).isTrue();
        assertThat(slept).containsExactly(14 * MS);

        // what arrived while it waited is in the same batch
        store.append(3);
        assertThat(stream.peek()).map(LingeringEventSourceTest::index).contains(2L);
        assertThat(stream.nextAvailable().trackingToken()).isEqualTo(token(2));
        assertThat(stream.hasNextAvailable()).isTrue();
        assertThat(stream.nextAvailable().trackingToken()).isEqualTo(token(3));
        assertThat(slept).hasSize(1);
    }

    @Test
    void anEventAfterAQuietSpellIsTakenAtOnce() throws InterruptedException {
        BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null);
        store.append(1);
        assertThat(stream.hasNextAvailable(1, TimeUnit.SECONDS)).isTrue();
        stream.nextAvailable();

        clock.addAndGet(20 * MS);
        store.append(2);
        assertThat(stream.hasNextAvailable(1, TimeUnit.SECONDS)).isTrue();
        assertThat(slept).isEmpty();
    }

    @Test
    void nothingAvailableIsAnsweredWithoutWaitingAndDoesNotCountAsABatch() throws InterruptedException {
        BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null);

        assertThat(stream.hasNextAvailable(1, TimeUnit.SECONDS)).isFalse();
        assertThat(slept).isEmpty();

        store.append(1); // the first batch after the empty answer is still the stream's first
        assertThat(stream.hasNextAvailable(1, TimeUnit.SECONDS)).isTrue();
        assertThat(slept).isEmpty();
    }

    @Test
    void anInterruptedWaitEndsTheCheck() {
        LingeringEventSource interrupted = new LingeringEventSource(store, Duration.ofMillis(20), clock::get,
                nanos -> {
                    throw new InterruptedException("the processor is shutting down");
                });
        BlockingStream<TrackedEventMessage<?>> stream = interrupted.openStream(null);
        store.append(1);

        assertThatThrownBy(() -> {
            stream.hasNextAvailable(1, TimeUnit.SECONDS);
            stream.nextAvailable();
            store.append(2);
            stream.hasNextAvailable(1, TimeUnit.SECONDS);
        }).isInstanceOf(InterruptedException.class);
    }

    @Test
    void withoutALingerEveryBatchIsTakenAtOnce() throws InterruptedException {
        LingeringEventSource none = new LingeringEventSource(store, Duration.ZERO, clock::get, nanos -> {
            slept.add(nanos);
            clock.addAndGet(nanos);
        });
        BlockingStream<TrackedEventMessage<?>> stream = none.openStream(null);

        for (long index = 1; index <= 3; index++) {
            store.append(index);
            assertThat(stream.hasNextAvailable(1, TimeUnit.SECONDS)).isTrue();
            assertThat(stream.nextAvailable().trackingToken()).isEqualTo(token(index));
        }
        assertThat(slept).isEmpty();
        assertThat(none.linger()).isZero();
    }

    /**
     * Axon's embedded event store can miss its producer's signal (ADR 28): the store's stream then waits as long as
     * it was asked to and answers "nothing" with the event there. The relay asks it for short waits only, so such a
     * miss costs one of them, and the relay's own wait still answers {@code true}.
     */
    @Test
    void aSignalTheStoreMissesCostsOneShortWaitNotTheProcessorsWholeWait() throws InterruptedException {
        BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null);
        store.append(1);
        store.missedSignals = 1;

        assertThat(stream.hasNextAvailable(1, TimeUnit.SECONDS)).isTrue();

        assertThat(store.waits).containsExactly(50L, 50L);
        assertThat(stream.nextAvailable().trackingToken()).isEqualTo(token(1));
    }

    @Test
    void nothingArrivingIsAnsweredAfterTheWholeWaitInShortWaits() throws InterruptedException {
        BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null);

        assertThat(stream.hasNextAvailable(120, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(store.waits).containsExactly(50L, 50L, 20L);

        store.waits.clear();
        assertThat(stream.hasNextAvailable(0, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(store.waits).containsExactly(0L);
    }

    @Test
    void tokensAreTheStoresOwn() {
        assertThat(source.createHeadToken()).isEqualTo(token(99));
        assertThat(source.createTailToken()).isNull();
        assertThat(source.linger()).isEqualTo(Duration.ofMillis(20));
    }

    @Test
    void aNegativeLingerIsRefused() {
        assertThatThrownBy(() -> new LingeringEventSource(store, Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("linger");
    }

    private static long index(TrackedEventMessage<?> message) {
        return ((GlobalSequenceTrackingToken) message.trackingToken()).getGlobalIndex();
    }

    private static TrackingToken token(long index) {
        return new GlobalSequenceTrackingToken(index);
    }

    /**
     * An event store of events appended by the test, one stream shared by all its readers. Its streams record how long
     * each availability check was allowed to wait, and can miss signals: such a check answers {@code false} whatever is
     * there, as Axon's stream does after a missed signal.
     */
    private static final class Store implements StreamableMessageSource<TrackedEventMessage<?>> {

        private final Deque<TrackedEventMessage<?>> events = new ArrayDeque<>();
        final List<Long> waits = new ArrayList<>();
        int missedSignals;

        void append(long index) {
            events.add(new GenericTrackedEventMessage<>(token(index), GenericEventMessage.asEventMessage("e" + index)));
        }

        @Override
        public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
            return new BlockingStream<>() {
                @Override
                public Optional<TrackedEventMessage<?>> peek() {
                    return Optional.ofNullable(events.peek());
                }

                @Override
                public boolean hasNextAvailable(int timeout, TimeUnit unit) {
                    waits.add(unit.toMillis(timeout));
                    if (missedSignals > 0) {
                        missedSignals--;
                        return false;
                    }
                    return !events.isEmpty();
                }

                @Override
                public TrackedEventMessage<?> nextAvailable() {
                    return events.remove();
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public TrackingToken createHeadToken() {
            return token(99);
        }
    }
}
