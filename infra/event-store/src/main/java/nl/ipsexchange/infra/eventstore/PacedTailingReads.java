package nl.ipsexchange.infra.eventstore;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

/**
 * The storage engine as the embedded event store's producer reads it: a read of the store's tail begins no sooner
 * than {@code pace} after the previous one (ADR 23). Everything else is the engine's own, at once.
 * <p>
 * The embedded event store keeps the newest events in memory for the streaming processors that are at the head (the
 * relays). Its producer thread reads the tail after every commit in this service, and reads again until a read comes
 * back empty: with one client registering, that was 1.8 tail reads and about three read-only transactions per
 * command, as many as everything else the command costs the database together. The relays only take a batch every
 * {@code ips.relay.linger} anyway (ADR 22), so reading the tail more often than that buys nothing. Paced, the producer
 * reads what a whole interval committed at once.
 * <p>
 * A tail read is the engine's {@link #readEvents(TrackingToken, boolean)} with {@code mayBlock}: Axon's embedded
 * event store asks for that only from its producer. Streams that are behind (a replay, a processor catching up) read
 * with {@code mayBlock} false and are never paced. The first tail read after a quiet spell of at least {@code pace}
 * begins at once, so a single event waits for nothing.
 */
public final class PacedTailingReads implements EventStorageEngine {

    private final EventStorageEngine engine;
    private final Duration pace;
    private final Pace tailReads;

    private PacedTailingReads(EventStorageEngine engine, Duration pace, LongSupplier nanoTime, Pace.Sleeper sleeper) {
        this.engine = engine;
        this.pace = pace;
        this.tailReads = new Pace(pace, nanoTime, sleeper);
    }

    /** {@code engine} with its tail reads paced; {@code engine} itself when {@code pace} is zero. */
    public static EventStorageEngine of(EventStorageEngine engine, Duration pace) {
        return of(engine, pace, System::nanoTime, Pace.THREAD_SLEEP);
    }

    static EventStorageEngine of(EventStorageEngine engine, Duration pace, LongSupplier nanoTime,
                                 Pace.Sleeper sleeper) {
        if (pace.isNegative()) {
            throw new IllegalArgumentException("the event store's tail pace must not be negative: " + pace);
        }
        return pace.isZero() ? engine : new PacedTailingReads(engine, pace, nanoTime, sleeper);
    }

    /** How long after one tail read the next may begin. */
    public Duration pace() {
        return pace;
    }

    /** The engine that does the reading and writing. */
    public EventStorageEngine engine() {
        return engine;
    }

    @Override
    public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
        if (mayBlock) {
            try {
                tailReads.awaitTurn();
            } catch (InterruptedException e) {
                // the store is shutting down: read now, the producer sees its own closing
                Thread.currentThread().interrupt();
            }
        }
        return engine.readEvents(trackingToken, mayBlock);
    }

    @Override
    public void appendEvents(List<? extends EventMessage<?>> events) {
        engine.appendEvents(events);
    }

    @Override
    public void storeSnapshot(DomainEventMessage<?> snapshot) {
        engine.storeSnapshot(snapshot);
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
        return engine.readEvents(aggregateIdentifier, firstSequenceNumber);
    }

    @Override
    public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
        return engine.readSnapshot(aggregateIdentifier);
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        return engine.lastSequenceNumberFor(aggregateIdentifier);
    }

    @Override
    public TrackingToken createTailToken() {
        return engine.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return engine.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return engine.createTokenAt(dateTime);
    }
}
