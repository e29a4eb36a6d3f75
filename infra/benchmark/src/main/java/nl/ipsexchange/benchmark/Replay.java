package nl.ipsexchange.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import nl.ipsexchange.infra.embedded.EmbeddedPostgresServer;
import nl.ipsexchange.infra.embedded.ServiceDatabase;
import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.status.ClientRegisteredStatusEvent;
import nl.ipsexchange.infra.eventstore.EventStoreSchema;
import nl.ipsexchange.infra.eventstore.EventStoreSerializers;
import nl.ipsexchange.infra.eventstore.GapSafeJdbcEventStorageEngine;

/**
 * Measure 4: a projection rebuilt from N stored events by a pooled streaming processor on the services' own event
 * store set-up (the gap-safe JDBC engine, the JSON serializer, the token store), against a plain
 * {@code SELECT ... ORDER BY global_index} read of the same rows. The projection's handler deserialises every event
 * and keeps a count per client (its own work is kept small so that the figure is the store's read path).
 */
final class Replay {

    private final String adminUrl;
    private final int events;
    private final Results results;

    Replay(String adminUrl, int events, Results results) {
        this.adminUrl = adminUrl;
        this.events = events;
        this.results = results;
    }

    void run() throws Exception {
        try (Connection admin = DriverManager.getConnection(adminUrl, "postgres", "postgres");
             Statement statement = admin.createStatement()) {
            statement.execute("drop database if exists benchmark_replay");
        }
        // a service's database and roles: migrated by the owner, read and written by the runtime role (ADR 0033)
        String base = adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1);
        ServiceDatabase database = ServiceDatabase.withNewPasswords("benchmark_replay");
        database.provision(base, EmbeddedPostgresServer.SUPERUSER);
        String url = base + database.name();
        Flyway.configure().dataSource(url, database.owner().user(), database.owner().password())
                .locations(EventStoreSchema.MIGRATIONS, "classpath:db/migration/platform").load().migrate();
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(url);
        pool.setUsername(database.runtime().user());
        pool.setPassword(database.runtime().password());
        pool.setMaximumPoolSize(4);
        try (HikariDataSource dataSource = new HikariDataSource(pool)) {
            store(dataSource);
            double plain = plainRead(dataSource);
            double replayed = replay(dataSource);
            results.add("4", "Plain SELECT ... ORDER BY global_index of " + events + " events", plain, "/s", null,
                    null);
            results.add("4", "Projection rebuilt from " + events + " stored events (pooled processor)", replayed,
                    "/s", ">= 20000", replayed >= 20_000);
            results.add("4", "Replay efficiency (replay / plain read)", replayed / plain, "", null, null);
        }
    }

    private void store(HikariDataSource dataSource) throws Exception {
        Serializer serializer = EventStoreSerializers.json();
        SerializedObject<byte[]> payload = serializer.serialize(new ClientRegisteredStatusEvent(
                "3f1c2a9e-5b7d-4e21-9c3a-8d6f0b1e2a4c", Agency.MENTAL_HEALTH, LocalDate.of(2026, 3, 1)), byte[].class);
        SerializedObject<byte[]> metaData = serializer.serialize(MetaData.emptyInstance(), byte[].class);
        long start = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            int chunk = 250_000;
            for (int from = 1; from <= events; from += chunk) {
                try (PreparedStatement insert = connection.prepareStatement("""
                        insert into domain_event_entry (aggregate_identifier, sequence_number, type,
                            event_identifier, meta_data, payload, payload_revision, payload_type, time_stamp)
                        select 'client-' || g, 0, 'Client', md5('event-' || g)::uuid::text, ?, ?, ?, ?, ?
                        from generate_series(?, ?) g""")) {
                    insert.setBytes(1, metaData.getData());
                    insert.setBytes(2, payload.getData());
                    insert.setString(3, payload.getType().getRevision());
                    insert.setString(4, payload.getType().getName());
                    insert.setString(5, Instant.now().toString());
                    insert.setInt(6, from);
                    insert.setInt(7, Math.min(events, from + chunk - 1));
                    insert.executeUpdate();
                }
            }
            connection.createStatement().execute("analyze domain_event_entry");
        }
        System.out.printf("[benchmark] stored %d events in %.0f s%n", events, (System.nanoTime() - start) / 1e9);
    }

    private double plainRead(HikariDataSource dataSource) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            long start = System.nanoTime();
            long rows = 0;
            try (PreparedStatement query = connection.prepareStatement("""
                    select global_index, type, aggregate_identifier, sequence_number, event_identifier, time_stamp,
                           payload_type, payload_revision, payload, meta_data
                    from domain_event_entry order by global_index""")) {
                query.setFetchSize(1_000);
                try (ResultSet result = query.executeQuery()) {
                    while (result.next()) {
                        result.getLong(1);
                        result.getString(2);
                        result.getString(3);
                        result.getLong(4);
                        result.getString(5);
                        result.getString(6);
                        result.getString(7);
                        result.getString(8);
                        result.getBytes(9);
                        result.getBytes(10);
                        rows++;
                    }
                }
            }
            connection.commit();
            return rows / ((System.nanoTime() - start) / 1e9);
        }
    }

    private double replay(HikariDataSource dataSource) {
        Serializer serializer = EventStoreSerializers.json();
        TransactionManager transactions = new SpringTransactionManager(new DataSourceTransactionManager(dataSource));
        ConnectionProvider connections = new SpringDataSourceConnectionProvider(dataSource);
        GapSafeJdbcEventStorageEngine engine = new GapSafeJdbcEventStorageEngine(JdbcEventStorageEngine.builder()
                .connectionProvider(connections).transactionManager(transactions)
                .snapshotSerializer(serializer).eventSerializer(serializer).schema(EventStoreSchema.events())
                .batchSize(Integer.getInteger("ips.benchmark.replay-fetch", 1_000)),
                GapSafeJdbcEventStorageEngine.GapSettings.defaults());
        EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(engine).build();
        JdbcTokenStore tokens = JdbcTokenStore.builder().connectionProvider(connections).serializer(serializer)
                .schema(EventStoreSchema.tokens()).build();
        AtomicLong handled = new AtomicLong();
        ConcurrentHashMap<String, Integer> perClient = new ConcurrentHashMap<>();
        EventMessageHandler projection = event -> {
            ClientRegisteredStatusEvent registered = (ClientRegisteredStatusEvent) event.getPayload();
            perClient.merge(registered.registeredAt().name(), 1, Integer::sum);
            handled.incrementAndGet();
            return null;
        };
        var workers = Executors.newScheduledThreadPool(2);
        var coordinator = Executors.newSingleThreadScheduledExecutor();
        PooledStreamingEventProcessor processor = PooledStreamingEventProcessor.builder()
                .name("replay-benchmark")
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(List.of(projection)).build())
                .messageSource(store)
                .tokenStore(tokens)
                .transactionManager(transactions)
                .coordinatorExecutor(coordinator)
                .workerExecutor(workers)
                .initialSegmentCount(Integer.getInteger("ips.benchmark.replay-segments", 2))
                .batchSize(Integer.getInteger("ips.benchmark.replay-batch", 500))
                .maxClaimedSegments(Integer.getInteger("ips.benchmark.replay-segments", 2))
                .initialToken(source -> source.createTailToken())
                .build();
        long start = System.nanoTime();
        processor.start();
        Measurements.await(() -> handled.get() >= events, Duration.ofMinutes(10));
        double rate = handled.get() / ((System.nanoTime() - start) / 1e9);
        processor.shutDown();
        store.shutDown();
        workers.shutdownNow();
        coordinator.shutdownNow();
        return rate;
    }
}
