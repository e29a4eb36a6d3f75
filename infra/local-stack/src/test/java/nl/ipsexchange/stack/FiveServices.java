package nl.ipsexchange.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import nl.ipsexchange.funding.FundingDecisionRelay;
import nl.ipsexchange.infra.embedded.KafkaLogin;
import nl.ipsexchange.infra.embedded.ServiceDatabase;
import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.consent.ConsentTerms;
import nl.ipsexchange.kernel.messaging.EnvelopeCodec;
import nl.ipsexchange.kernel.messaging.EventEnvelope;
import nl.ipsexchange.kernel.messaging.sealing.TransitKeyMissingException;
import nl.ipsexchange.kernel.status.ClientRegisteredStatusEvent;
import nl.ipsexchange.platform.IpsProperties;
import nl.ipsexchange.platform.audit.AccessRecordRelay;
import nl.ipsexchange.platform.axon.AxonProcessingConfiguration;
import nl.ipsexchange.platform.messaging.EnvelopeOpener;
import nl.ipsexchange.platform.messaging.signing.DemoSigningKeys;
import nl.ipsexchange.stack.ServiceLauncher.RunningService;
import nl.ipsexchange.testsupport.ApiClient;
import nl.ipsexchange.testsupport.Await;
import nl.ipsexchange.testsupport.ConsumerProgress;
import nl.ipsexchange.testsupport.TestInfrastructure;
import nl.ipsexchange.testsupport.TopicReader;
import nl.ipsexchange.testsupport.TrackingTokens;

/**
 * The five services for an end-to-end test: each its own Spring Boot application with a database of its own, on
 * the shared test PostgreSQL and Kafka; plus what such tests need to look at (each service's database, raw topics).
 */
final class FiveServices implements AutoCloseable {

    private final TestInfrastructure infrastructure = TestInfrastructure.get();
    private final Map<ServiceDefinition, String> databases = new LinkedHashMap<>();
    private final Map<ServiceDefinition, ServiceDatabase> roles = new LinkedHashMap<>();
    private final Map<ServiceDefinition, RunningService> running = new LinkedHashMap<>();
    private final Function<ServiceDefinition, List<String>> extraArguments;
    /** The superuser's connection to each service's database, for {@link #rows}; guarded by itself. */
    private final Map<ServiceDefinition, Connection> connections = new LinkedHashMap<>();

    FiveServices() {
        this(service -> List.of());
    }

    /** With extra command-line arguments for each service (settings a test needs beyond the demo profile). */
    FiveServices(Function<ServiceDefinition, List<String>> extraArguments) {
        SharedFiveServices.stop(); // never two sets on one broker at once
        this.extraArguments = extraArguments;
        for (ServiceDefinition service : ServiceDefinition.ALL) {
            ServiceDatabase database = infrastructure.newServiceDatabase(service.database());
            roles.put(service, database);
            databases.put(service, infrastructure.jdbcUrl(database));
        }
        try (Admin admin = Admin.create(kafkaAdmin().properties())) {
            for (ServiceDefinition service : ServiceDefinition.ALL) {
                ConsumerProgress.startAtEnd(admin, group(service, ""));
            }
        }
        startAll();
        awaitCaughtUp();
    }

    /**
     * Starts the five: the first alone, the others two at a time, as the local stack does (about a third less time on
     * two cores). The first start in this JVM sets up Spring Boot's logging, which two starts at once can break
     * ({@link LocalStack#start}); the later ones find it set up. When one fails, the others are stopped.
     */
    private void startAll() {
        List<ServiceDefinition> all = ServiceDefinition.ALL;
        start(all.get(0));
        ExecutorService starter = Executors.newFixedThreadPool(2);
        try {
            Map<ServiceDefinition, Future<RunningService>> starting = new LinkedHashMap<>();
            for (ServiceDefinition service : all.subList(1, all.size())) {
                starting.put(service, starter.submit(() -> launch(service, "")));
            }
            RuntimeException failure = null;
            for (Map.Entry<ServiceDefinition, Future<RunningService>> service : starting.entrySet()) {
                try {
                    running.put(service.getKey(), service.getValue().get());
                } catch (ExecutionException e) {
                    failure = failure != null ? failure : new IllegalStateException(service.getKey().name()
                            + " did not start", e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failure = failure != null ? failure : new IllegalStateException("interrupted", e);
                }
            }
            if (failure != null) {
                close();
                throw failure;
            }
        } finally {
            starter.shutdown();
        }
    }

    /**
     * Waits until every running service has consumed every topic it reads up to its end. The test broker is shared by
     * all test classes in this JVM; the five start after what earlier classes left on it (their consumer groups are
     * moved to the topics' end before they start), so that a class's wait does not grow with the classes before it.
     * A service started later with a new group suffix reads everything from the beginning.
     */
    void awaitCaughtUp() {
        try (Admin admin = Admin.create(kafkaAdmin().properties())) {
            await(() -> running.keySet().stream().allMatch(service -> relayed(service) && caughtUp(admin, service)),
                    "every service relayed what it stored and consumed its topics' backlog");
        }
    }

    /**
     * Whether the service's relays have passed the newest event in its event store: what they send is on Kafka then.
     * They are tracking processors, whose tokens move over the events they do not handle too.
     */
    private boolean relayed(ServiceDefinition service) {
        long newest = count(service, "select coalesce(max(global_index), -1) from domain_event_entry");
        return rows(service, "select convert_from(token, 'UTF8') from token_entry where processor_name in ('"
                + AxonProcessingConfiguration.INTEGRATION_PUBLISHER + "', '" + AccessRecordRelay.PROCESSING_GROUP
                + "', '" + FundingDecisionRelay.PROCESSING_GROUP + "')").stream().allMatch(token -> TrackingTokens.passed(token, newest));
    }

    private boolean caughtUp(Admin admin, ServiceDefinition service) {
        var environment = running.get(service).context().getEnvironment();
        String group = environment.getProperty("spring.kafka.consumer.group-id");
        List<String> topics = running.get(service).context().getBean(IpsProperties.class)
                .getMessaging().getSubscriptions();
        return ConsumerProgress.hasConsumed(admin, group, topics);
    }


    void start(ServiceDefinition service) {
        start(service, "");
    }

    /** Starts the service with a consumer group of its own plus {@code suffix}: a new suffix re-reads every topic. */
    void start(ServiceDefinition service, String suffix) {
        running.put(service, launch(service, suffix));
    }

    private RunningService launch(ServiceDefinition service, String suffix) {
        List<String> arguments = new ArrayList<>(List.of("--spring.profiles.active=demo",
                "--spring.kafka.consumer.group-id=" + group(service, suffix),
                "--spring.datasource.hikari.maximum-pool-size=4"));
        arguments.addAll(extraArguments.apply(service));
        return ServiceLauncher.start(service, infrastructure(), database(service).name(), 0, arguments);
    }

    private String group(ServiceDefinition service, String suffix) {
        return service.name() + "-" + database(service).name() + suffix;
    }

    private ServiceLauncher.Infrastructure infrastructure() {
        return new ServiceLauncher.Infrastructure(infrastructure.jdbcBase(), List.copyOf(roles.values()),
                infrastructure::kafkaLogin, infrastructure.webServerDirectory("keys"));
    }

    /** The file of the service's key-encryption key (which the services' databases never hold). */
    Path keyEncryptionKeyFile(ServiceDefinition service) {
        return infrastructure().keyEncryptionKeyFile(roles.get(service).name());
    }

    /** The service's database with its owner and runtime roles. */
    ServiceDatabase database(ServiceDefinition service) {
        return roles.get(service);
    }

    /** The service's JDBC URL. */
    String jdbcUrl(ServiceDefinition service) {
        return databases.get(service);
    }

    void stop(ServiceDefinition service) {
        running.remove(service).stop();
    }

    List<RunningService> running() {
        return List.copyOf(running.values());
    }

    /**
     * The envelope as the service reads it: a sealed payload opened with the transit keys the service holds now;
     * empty when it does not hold them all.
     */
    /** A bean of the running service (a test looking at what the service holds, as an attacker with its login). */
    <T> T bean(ServiceDefinition service, Class<T> type) {
        return running.get(service).context().getBean(type);
    }

    Optional<EventEnvelope> opened(ServiceDefinition service, EventEnvelope envelope) {
        try {
            return Optional.of(running.get(service).context().getBean(EnvelopeOpener.class).open(envelope));
        } catch (TransitKeyMissingException notHeld) {
            return Optional.empty();
        }
    }

    /** Where the running service answers. */
    String baseUrl(ServiceDefinition service) {
        return running.get(service).baseUrl();
    }

    ApiClient as(ServiceDefinition service, String user) {
        return ApiClient.as(running.get(service).baseUrl(), user);
    }

    ApiClient anonymous(ServiceDefinition service) {
        return ApiClient.anonymous(running.get(service).baseUrl());
    }

    /** The broker's administrator, who reads and writes every topic. */
    KafkaLogin kafkaAdmin() {
        return infrastructure.kafkaAdmin();
    }

    /** A service's own Kafka login. */
    KafkaLogin kafkaLogin(ServiceDefinition service) {
        return infrastructure.kafkaLogin(service.name());
    }

    /** The JDBC URL of the service's own database. */
    String databaseUrl(ServiceDefinition service) {
        return databases.get(service);
    }

    /** The first column of the first row of a query on the service's own database. */
    String query(ServiceDefinition service, String sql) {
        List<String> rows = rows(service, sql);
        return rows.isEmpty() ? null : rows.get(0);
    }

    long count(ServiceDefinition service, String sql) {
        return Long.parseLong(query(service, sql));
    }

    /**
     * The first column of every row of a query on the service's own database. One connection per database, kept
     * (autocommit: each query sees what is committed when it runs): a search of a whole database runs hundreds of
     * queries, and a new connection for each, a new server process with cold catalog caches, took seconds.
     */
    List<String> rows(ServiceDefinition service, String sql) {
        synchronized (connections) {
            try (Statement statement = connection(service).createStatement();
                 ResultSet rows = statement.executeQuery(sql)) {
                List<String> values = new ArrayList<>();
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
                return values;
            } catch (SQLException e) {
                closeConnection(service); // the next query opens a new one, whatever went wrong with this one
                throw new IllegalStateException(e);
            }
        }
    }

    private Connection connection(ServiceDefinition service) throws SQLException {
        Connection connection = connections.get(service);
        if (connection == null) {
            connection = DriverManager.getConnection(databases.get(service), infrastructure.user(),
                    infrastructure.password());
            connections.put(service, connection);
        }
        return connection;
    }

    private void closeConnection(ServiceDefinition service) {
        Connection connection = connections.remove(service);
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // it is dropped either way
            }
        }
    }

    /**
     * Every table of the service's database whose rows, read as text (byte columns too), contain {@code value}:
     * a search of the whole database for a known value.
     */
    List<String> tablesContaining(ServiceDefinition service, String value) {
        String literal = "'" + value.replace("'", "''") + "'";
        List<String> found = new ArrayList<>();
        for (String table : rows(service, "select table_name from information_schema.tables "
                + "where table_schema = 'public' and table_type = 'BASE TABLE'")) {
            StringBuilder where = new StringBuilder("t::text ilike '%' || " + literal + " || '%'");
            for (String column : rows(service, "select column_name from information_schema.columns where "
                    + "table_schema = 'public' and table_name = '" + table + "' and data_type = 'bytea'")) {
                where.append(" or position(convert_to(").append(literal).append(", 'UTF8') in t.")
                        .append(column).append(") > 0");
            }
            if (count(service, "select count(*) from " + table + " t where " + where) > 0) {
                found.add(table);
            }
        }
        return found;
    }

    /** Every record on the topic with the given key, from the beginning to where the topic ends now. */
    List<ConsumerRecord<String, byte[]>> records(String topic, String key) {
        return TopicReader.readToEnd(kafkaAdmin(), topic, new StringDeserializer(), new ByteArrayDeserializer(),
                        Duration.ofSeconds(60)).stream()
                .filter(record -> key.equals(record.key())).toList();
    }

    /**
     * A record as the agency sends it: signed with its demo key (the services run the demo profile, ADR 31). Tests
     * that play an attacker build their records themselves.
     */
    static ProducerRecord<String, byte[]> signed(Agency sender, String topic, String key, byte[] value) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        DemoSigningKeys.signer(sender).sign(topic, value).addTo(record.headers());
        return record;
    }

    KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(kafkaAdmin().with(Map.of("acks", "all")),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** A well-formed {@code ClientRegistered} status message about {@code subject}, as the MHA would send it. */
    /**
     * Today where the services are (Europe/Amsterdam): a test that takes the JVM's today sends dates a day off between
     * midnight there and midnight in the JVM's zone.
     */
    static LocalDate today() {
        return LocalDate.now(ConsentTerms.ZONE);
    }

    static byte[] clientRegisteredStatus(String subject) {
        EnvelopeCodec codec = new EnvelopeCodec();
        return codec.encode(codec.wrap(UUID.randomUUID(), Agency.MENTAL_HEALTH,
                Instant.now(), null, new ClientRegisteredStatusEvent(subject,
                        Agency.MENTAL_HEALTH, today())));
    }

    /**
     * Waits until the service at {@code baseUrl} reports itself UP with its database and Kafka (a health check can
     * find the broker slow to answer once on a loaded machine: DOWN for that moment).
     */
    static void awaitHealthy(String baseUrl, String name) {
        await(() -> {
            ApiClient.Response health = ApiClient.anonymous(baseUrl).get("/actuator/health");
            assertThat(health.status()).as(name + " " + health.body()).isEqualTo(200);
            assertThat(health.json().at("/components/db/status").asText()).as(name).isEqualTo("UP");
            assertThat(health.json().at("/components/kafka/status").asText()).as(name).isEqualTo("UP");
            return true;
        }, name + " is UP with its database and Kafka");
    }

    /** Waits up to a minute, the end-to-end tests' patience (a service's start, the readers catching up). */
    static void await(BooleanSupplier condition, String what) {
        Await.until(condition, Duration.ofSeconds(60), what);
    }

    @Override
    public void close() {
        running.values().forEach(RunningService::stop);
        running.clear();
        synchronized (connections) {
            List.copyOf(connections.keySet()).forEach(this::closeConnection);
        }
    }
}
