package nl.ipsexchange.infra.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import nl.ipsexchange.testsupport.TestInfrastructure;

/**
 * AxonFramework issue 4829 on a real PostgreSQL: an event whose transaction commits after a later event became
 * visible, while that later event's timestamp already looks older than the gap timeout. Axon's engine skips it for
 * ever; the gap-safe engine delivers it. And the gap-safe engine forgets a gap only when it is provably permanent.
 */
class GapSafeJdbcEventStorageEngineTest {

    private static final Serializer SERIALIZER = EventStoreSerializers.json();

    private final TestInfrastructure infrastructure = TestInfrastructure.get();
    private String url;

    @BeforeEach
    void freshEventStore() {
        url = EventStoreDatabase.fresh("gap_safe");
    }

    @AfterEach
    void restoreClock() {
        GenericEventMessage.clock = Clock.systemUTC();
    }

    @Test
    void axonsOwnEngineSkipsAnEventThatCommitsLateBehindAnOldLookingNeighbour() throws Exception {
        // the control: proves the scenario below is the real defect (if Axon ever fixes it, this test says so)
        JdbcEventStorageEngine stock = configure(JdbcEventStorageEngine.builder()).build();
        assertThat(lateCommitScenario(stock)).containsExactly("event-3").doesNotContain("late-2");
    }

    @Test
    void theGapSafeEngineDeliversAnEventThatCommitsLateBehindAnOldLookingNeighbour() throws Exception {
        JdbcEventStorageEngine safe = gapSafe();
        assertThat(lateCommitScenario(safe)).containsExactly("event-3", "late-2");
    }

    @Test
    void aGapWhoseTransactionIsStillRunningIsNeverForgottenButARolledBackOneIs() throws Exception {
        GapSafeJdbcEventStorageEngine safe = gapSafe();
        safe.appendEvents(List.of(event("event-1", "a", 0)));
        try (Connection slow = connection(); Connection rolledBack = connection()) {
            insertWithoutCommit(slow, "slow-2");          // index 2: still running
            insertWithoutCommit(rolledBack, "gone-3");    // index 3: rolled back below
            rolledBack.rollback();
            safe.appendEvents(List.of(event("event-4", "b", 0)));

            List<TrackedEventMessage<?>> read = read(safe, GapAwareTrackingToken.newInstance(1, Set.of()));
            GapAwareTrackingToken token = (GapAwareTrackingToken) read.get(read.size() - 1).trackingToken();
            assertThat(token.getGaps()).containsExactly(2L, 3L);

            Thread.sleep(1_500); // the gaps are now older than the clock margin
            assertThat(safe.withoutPermanentGaps(token).getGaps())
                    .as("while a transaction that began before the gaps were seen runs, no gap is forgotten")
                    .containsExactly(2L, 3L);

            slow.commit();
            List<TrackedEventMessage<?>> late = read(safe, token);
            assertThat(payloads(late)).containsExactly("slow-2");
            GapAwareTrackingToken afterLate = (GapAwareTrackingToken) late.get(0).trackingToken();
            assertThat(afterLate.getGaps()).containsExactly(3L);
            assertThat(safe.withoutPermanentGaps(afterLate).getGaps())
                    .as("once no transaction from before is running, the rolled-back append's gap goes").isEmpty();
        }
    }

    @Test
    void aTokenWithMoreGapsThanPostgresqlTakesParametersIsReadAndItsLateEventDelivered() throws Exception {
        // 70,000 global indexes taken and not (yet) used, as by a burst of refused commands; under maxGapOffset, so
        // every one is kept as a gap, and Axon's statement would need a parameter for each
        GapSafeJdbcEventStorageEngine safe = gapSafe();
        safe.appendEvents(List.of(event("event-1", "a", 0)));
        try (Connection late = connection()) {
            insertWithoutCommit(late, "late-2");
            try (Connection skip = connection()) {
                skip.createStatement().execute("select setval('domain_event_entry_global_index_seq', "
                        + "nextval('domain_event_entry_global_index_seq') + 70000)");
                skip.commit();
            }
            safe.appendEvents(List.of(event("event-far", "b", 0)));

            List<TrackedEventMessage<?>> first = read(safe, GapAwareTrackingToken.newInstance(1, Set.of()));
            assertThat(payloads(first)).containsExactly("event-far");
            GapAwareTrackingToken token = (GapAwareTrackingToken) first.get(0).trackingToken();
            assertThat(token.getGaps()).hasSizeGreaterThan(65_535);

            late.commit();
            assertThat(payloads(read(safe, token))).containsExactly("late-2");
        }
    }

    /** Returns the payloads a reader sees: first from just after event 1, then from where it stopped. */
    private List<String> lateCommitScenario(JdbcEventStorageEngine engine) throws Exception {
        engine.appendEvents(List.of(event("event-1", "a", 0)));
        try (Connection writerA = connection()) {
            insertWithoutCommit(writerA, "late-2");
            engine.appendEvents(List.of(event("event-3", "b", 0)));

            // the reader comes by more than the gap timeout (1 minute) after event 3 was created: a processor that
            // was catching up after an outage, or event 3's own transaction took that long
            GenericEventMessage.clock = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(2));
            List<TrackedEventMessage<?>> first = read(engine, GapAwareTrackingToken.newInstance(1, Set.of()));
            assertThat(payloads(first)).containsExactly("event-3");

            writerA.commit(); // the hole fills
            List<TrackedEventMessage<?>> second = read(engine, first.get(0).trackingToken());
            List<String> seen = new ArrayList<>(payloads(first));
            seen.addAll(payloads(second));
            return seen;
        }
    }

    private static List<TrackedEventMessage<?>> read(JdbcEventStorageEngine engine,
                                                     TrackingToken from) {
        return engine.readEvents(from, false).collect(Collectors.toList());
    }

    private static List<String> payloads(List<TrackedEventMessage<?>> events) {
        return events.stream().map(e -> (String) e.getPayload()).toList();
    }

    /** Appends an event in a transaction that stays open: its global index is taken, its row not yet visible. */
    private static void insertWithoutCommit(Connection connection, String payload) throws SQLException {
        try (var statement = connection.prepareStatement("""
                insert into domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                    time_stamp, payload_type, payload_revision, payload, meta_data)
                select ?, ?, 0, type, time_stamp, payload_type, payload_revision, ?, meta_data
                from domain_event_entry where global_index = 1""")) {
            statement.setString(1, payload);
            statement.setString(2, "aggregate-" + payload);
            statement.setBytes(3, SERIALIZER.serialize(payload, byte[].class).getData());
            assertThat(statement.executeUpdate()).isEqualTo(1);
        }
    }

    private static GenericDomainEventMessage<String> event(String payload, String aggregate, long sequence) {
        return new GenericDomainEventMessage<>("Test", aggregate + "-" + payload, sequence, payload);
    }

    private Connection connection() throws SQLException {
        Connection connection = DriverManager.getConnection(url, infrastructure.user(), infrastructure.password());
        connection.setAutoCommit(false);
        return connection;
    }

    private GapSafeJdbcEventStorageEngine gapSafe() {
        return new GapSafeJdbcEventStorageEngine(configure(JdbcEventStorageEngine.builder()),
                GapSafeJdbcEventStorageEngine.GapSettings.defaults());
    }

    private JdbcEventStorageEngine.Builder configure(JdbcEventStorageEngine.Builder builder) {
        return builder
                .connectionProvider(() -> DriverManager.getConnection(url, infrastructure.user(),
                        infrastructure.password()))
                .transactionManager(NoTransactionManager.INSTANCE)
                .snapshotSerializer(SERIALIZER)
                .eventSerializer(SERIALIZER)
                .schema(EventStoreSchema.events());
    }
}
