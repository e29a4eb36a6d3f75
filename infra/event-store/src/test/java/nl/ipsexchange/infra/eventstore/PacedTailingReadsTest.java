package nl.ipsexchange.infra.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.Test;

/** The embedded event store's producer reads the store's tail no sooner than the pace after its previous read. */
class PacedTailingReadsTest {

    private static final long MS = 1_000_000L;

    private final AtomicLong clock = new AtomicLong(1_000 * MS);
    private final List<Long> slept = new ArrayList<>();
    private final CountingEngine store = new CountingEngine();
    private final EventStorageEngine paced = PacedTailingReads.of(store, Duration.ofMillis(25), clock::get, nanos -> {
        slept.add(nanos);
        clock.addAndGet(nanos);
    });

    @Test
    void theFirstTailReadBeginsAtOnce() {
        paced.readEvents(null, true);

        assertThat(slept).isEmpty();
        assertThat(store.tailReads).hasValue(1);
    }

    @Test
    void aTailReadRightAfterAnotherWaitsOutTheRestOfThePace() {
        paced.readEvents(null, true);
        clock.addAndGet(4 * MS); // the previous read and its hand-over took 4 ms

        paced.readEvents(null, true);

        assertThat(slept).containsExactly(21 * MS);
        assertThat(store.tailReads).hasValue(2);
    }

    @Test
    void aTailReadAfterAQuietSpellBeginsAtOnce() {
        paced.readEvents(null, true);
        clock.addAndGet(25 * MS);

        paced.readEvents(null, true);

        assertThat(slept).isEmpty();
    }

    @Test
    void readsOfStreamsThatAreBehindAndWritesNeverWait() {
        paced.readEvents(null, true);
        paced.appendEvents(List.of(GenericEventMessage.asEventMessage("written")));

        assertThat(paced.readEvents(null, false)).hasSize(1);
        assertThat(paced.readEvents(null, false)).hasSize(1);
        assertThat(paced.createHeadToken()).isEqualTo(store.createHeadToken());
        assertThat(slept).isEmpty();
        assertThat(store.tailReads).hasValue(1);
    }

    @Test
    void anInterruptedWaitReadsAtOnceAndKeepsTheInterrupt() {
        EventStorageEngine interrupted = PacedTailingReads.of(store, Duration.ofMillis(25), clock::get, nanos -> {
            throw new InterruptedException("the event store is shutting down");
        });
        interrupted.readEvents(null, true);

        try {
            interrupted.readEvents(null, true);

            assertThat(Thread.currentThread().isInterrupted()).isTrue();
            assertThat(store.tailReads).hasValue(2);
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void withoutAPaceTheEngineIsUsedAsItIs() {
        assertThat(PacedTailingReads.of(store, Duration.ZERO)).isSameAs(store);
        assertThat(PacedTailingReads.of(store, Duration.ofMillis(25)))
                .isInstanceOfSatisfying(PacedTailingReads.class, p -> {
                    assertThat(p.pace()).isEqualTo(Duration.ofMillis(25));
                    assertThat(p.engine()).isSameAs(store);
                });
    }

    @Test
    void aNegativePaceIsRefused() {
        assertThatThrownBy(() -> PacedTailingReads.of(store, Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pace");
    }

    /**
     * Axon's embedded event store on the paced engine, with real time: a stream at the head receives every event, in
     * order, while the producer reads the tail about once per pace instead of after every commit.
     */
    @Test
    void theEmbeddedEventStoreDeliversEveryEventWithATailReadPerPace() throws InterruptedException {
        CountingEngine engine = new CountingEngine();
        Duration pace = Duration.ofMillis(200);
        EmbeddedEventStore eventStore = EmbeddedEventStore.builder()
                .storageEngine(PacedTailingReads.of(engine, pace)).build();
        int events = 300;
        try (TrackingEventStream stream = eventStore.openStream(null)) {
            assertThat(stream.hasNextAvailable(10, TimeUnit.MILLISECONDS)).isFalse(); // now at the (empty) head
            int readsBefore = engine.tailReads.get();
            long start = System.nanoTime();
            for (int i = 0; i < events; i++) {
                eventStore.publish(GenericEventMessage.asEventMessage("event " + i)); // one commit each
            }
            // read as a processor does: one "nothing available" does not end the stream. Axon's stream can miss the
            // producer's signal and answer "nothing" after its whole wait with the events there (ADR 28).
            List<Object> received = new ArrayList<>();
            long deadline = start + TimeUnit.SECONDS.toNanos(30);
            while (received.size() < events && System.nanoTime() < deadline) {
                if (stream.hasNextAvailable(100, TimeUnit.MILLISECONDS)) {
                    received.add(stream.nextAvailable().getPayload());
                }
            }
            long elapsed = System.nanoTime() - start;

            assertThat(received).hasSize(events).first().isEqualTo("event 0");
            assertThat(received).last().isEqualTo("event " + (events - 1));
            // one read per pace that passed, the first at once, and the one that finds nothing more
            long allowed = elapsed / pace.toNanos() + 3;
            assertThat(engine.tailReads.get() - readsBefore).as("tail reads in %d ms", elapsed / MS)
                    .isLessThanOrEqualTo((int) allowed);
        } finally {
            eventStore.shutDown();
        }
    }

    /** Axon's in-memory engine, counting the reads of its tail. */
    private static final class CountingEngine extends InMemoryEventStorageEngine {

        final AtomicInteger tailReads = new AtomicInteger();

        @Override
        public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
            if (mayBlock) {
                tailReads.incrementAndGet();
            }
            return super.readEvents(trackingToken, mayBlock);
        }
    }
}
