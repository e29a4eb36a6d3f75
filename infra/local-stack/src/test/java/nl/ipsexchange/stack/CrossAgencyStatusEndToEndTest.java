package nl.ipsexchange.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.Topics;
import nl.ipsexchange.kernel.messaging.EnvelopeCodec;
import nl.ipsexchange.kernel.status.ClientRegisteredStatusEvent;
import nl.ipsexchange.stack.ServiceLauncher.RunningService;
import nl.ipsexchange.testsupport.ApiClient;
import nl.ipsexchange.testsupport.TestInfrastructure;

/**
 * The five services, each its own Spring Boot application with its own database, against one real Kafka broker
 * and PostgreSQL server: a client registered at the mental health agency reaches every other service as a
 * de-identified status event, exactly once, also when a service was down while it happened.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossAgencyStatusEndToEndTest {

    private static final Map<String, String> DECISION_MAKERS = Map.of(
            "mental-health-agency", "mha.director",
            "benefits-agency", "benefits.manager",
            "municipality", "municipality.adviser",
            "insurer", "insurer.adviser",
            "audit", "audit.auditor");

    private final TestInfrastructure infrastructure = TestInfrastructure.get();
    private final Map<ServiceDefinition, String> databases = new LinkedHashMap<>();
    private final Map<ServiceDefinition, RunningService> running = new LinkedHashMap<>();

    @BeforeAll
    void startAllFiveServices() {
        for (ServiceDefinition service : ServiceDefinition.ALL) {
            databases.put(service, infrastructure.newDatabase(service.database()));
        }
        for (ServiceDefinition service : ServiceDefinition.ALL) {
            start(service);
        }
    }

    @AfterAll
    void stopAll() {
        running.values().forEach(RunningService::stop);
    }

    @Test
    void allFiveServicesAreUpWithDatabaseAndKafkaAndPublishTheirApi() {
        for (RunningService service : running.values()) {
            ApiClient.Response health = ApiClient.anonymous(service.baseUrl()).get("/actuator/health");
            assertThat(health.status()).as(service.definition().name()).isEqualTo(200);
            assertThat(health.json().at("/components/db/status").asText()).isEqualTo("UP");
            assertThat(health.json().at("/components/kafka/status").asText()).isEqualTo("UP");
            assertThat(ApiClient.anonymous(service.baseUrl()).get("/v3/api-docs").status()).isEqualTo(200);
            assertThat(ApiClient.anonymous(service.baseUrl()).get("/actuator/prometheus", "text/plain").body())
                    .contains("jvm_memory_used_bytes");
        }
    }

    @Test
    void aRegistrationAtTheMentalHealthAgencyReachesTheOtherFourExactlyOnce() {
        Map<ServiceDefinition, Long> before = registeredCounts();

        String clientId = register("111222333");

        await(() -> everyServiceSawExactly(before, 1), "every service shows the registration once");
        for (ServiceDefinition service : others()) {
            assertThat(subjectsIn(service)).contains(clientId);
            assertThat(personalDataIn(service)).as("no identifying data reaches %s", service.name()).isZero();
        }
    }

    @Test
    void aServiceThatWasDownCatchesUpOnWhatItMissedAndProcessesNothingTwice() {
        Map<ServiceDefinition, Long> before = registeredCounts();
        running.remove(ServiceDefinition.BENEFITS_AGENCY).stop();

        String first = register("123456782");
        String second = register("999999990");
        await(() -> countsOf(ServiceDefinition.MUNICIPALITY) == before.get(ServiceDefinition.MUNICIPALITY) + 2,
                "the municipality saw both while the benefits agency was down");

        start(ServiceDefinition.BENEFITS_AGENCY);

        await(() -> everyServiceSawExactly(before, 2), "the restarted benefits agency caught up");
        assertThat(subjectsIn(ServiceDefinition.BENEFITS_AGENCY)).contains(first, second);
        assertThat(rows(ServiceDefinition.BENEFITS_AGENCY, "select count(*) from processed_message"))
                .isEqualTo(rows(ServiceDefinition.BENEFITS_AGENCY, "select count(*) from status_event"));
    }

    @Test
    void aRedeliveredMessageIsRecognisedByItsEventIdAndNotProcessedAgain() throws Exception {
        Map<ServiceDefinition, Long> before = registeredCounts();
        String clientId = register("100000009");
        await(() -> everyServiceSawExactly(before, 1), "the registration arrived everywhere");
        Map<ServiceDefinition, Long> settled = registeredCounts();

        // the same message again (as after a relay crash before its position was saved), then a new one after it
        EnvelopeCodec codec = new EnvelopeCodec();
        byte[] original = originalEnvelopeOf(clientId);
        var marker = codec.wrap(UUID.randomUUID(), Agency.MENTAL_HEALTH, java.time.Instant.now(), null,
                new ClientRegisteredStatusEvent(clientId, Agency.MENTAL_HEALTH, java.time.LocalDate.now()));
        try (KafkaProducer<String, byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>(Topics.STATUS, clientId, original)).get(10, TimeUnit.SECONDS);
            producer.send(new ProducerRecord<>(Topics.STATUS, clientId, codec.encode(marker))).get(10, TimeUnit.SECONDS);
        }

        // same key, same partition: once the marker is in, the duplicate before it has been seen and skipped
        await(() -> everyServiceSawExactly(settled, 1), "the marker arrived everywhere, the duplicate did not count");
    }

    @Test
    void aPoisonMessageIsParkedOnTheDeadLetterTopicAndWhatFollowsStillFlows() throws Exception {
        Map<ServiceDefinition, Long> before = registeredCounts();
        String subject = UUID.randomUUID().toString();
        byte[] poison = "{\"eventId\": \"not even an envelope".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var marker = new EnvelopeCodec().wrap(UUID.randomUUID(), Agency.MENTAL_HEALTH, java.time.Instant.now(), null,
                new ClientRegisteredStatusEvent(subject, Agency.MENTAL_HEALTH, java.time.LocalDate.now()));
        try (KafkaProducer<String, byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>(Topics.STATUS, subject, poison)).get(10, TimeUnit.SECONDS);
            producer.send(new ProducerRecord<>(Topics.STATUS, subject, new EnvelopeCodec().encode(marker)))
                    .get(10, TimeUnit.SECONDS);
        }

        await(() -> everyServiceSawExactly(before, 1), "the message after the poison arrived everywhere");
        await(() -> deadLettersWithKey(subject) == ServiceDefinition.ALL.size(),
                "each of the five services parked the poison message once");
    }

    private long deadLettersWithKey(String key) {
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, byte[]>(Map.of(
                "bootstrap.servers", infrastructure.kafkaBootstrapServers(),
                "group.id", "dead-letter-check-" + UUID.randomUUID(),
                "auto.offset.reset", "earliest"),
                new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.DEAD_LETTER));
            long found = 0;
            long deadline = System.currentTimeMillis() + 5_000;
            while (System.currentTimeMillis() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(record.key())) {
                        found++;
                    }
                }
            }
            return found;
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    private byte[] originalEnvelopeOf(String clientId) {
        String payload = query(ServiceDefinition.MUNICIPALITY, """
                select json_build_object('eventId', event_id, 'type', event_type, 'schemaVersion', 1,
                  'sourceAgency', source_agency, 'subject', subject,
                  'occurredAt', to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                  'payload', payload)::text
                from status_event where subject = '%s'""".formatted(clientId));
        return payload.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private String register(String bsn) {
        ApiClient.Response response = ApiClient.as(baseUrl(ServiceDefinition.MENTAL_HEALTH_AGENCY), "mha.clinician")
                .post("/api/clients", """
                        {"name":"Test Client %s","bsn":"%s","dateOfBirth":"1985-06-15","benefit":"DISABILITY",
                         "municipality":"Amersfoort"}""".formatted(bsn, bsn));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("clientId").asText();
    }

    private boolean everyServiceSawExactly(Map<ServiceDefinition, Long> before, int more) {
        for (ServiceDefinition service : ServiceDefinition.ALL) {
            if (countsOf(service) != before.get(service) + more) {
                return false;
            }
        }
        return true;
    }

    private Map<ServiceDefinition, Long> registeredCounts() {
        Map<ServiceDefinition, Long> counts = new LinkedHashMap<>();
        for (ServiceDefinition service : ServiceDefinition.ALL) {
            counts.put(service, countsOf(service));
        }
        return counts;
    }

    /** Through the service's own API, as its decision maker sees it. */
    private long countsOf(ServiceDefinition service) {
        ApiClient.Response status = ApiClient.as(baseUrl(service), DECISION_MAKERS.get(service.name()))
                .get("/api/status");
        assertThat(status.status()).as(status.body()).isEqualTo(200);
        return status.json().at("/eventCounts/ClientRegistered").asLong(0);
    }

    private List<ServiceDefinition> others() {
        return ServiceDefinition.ALL.stream().filter(s -> s != ServiceDefinition.MENTAL_HEALTH_AGENCY).toList();
    }

    private List<String> subjectsIn(ServiceDefinition service) {
        List<String> subjects = new ArrayList<>();
        withConnection(service, connection -> {
            try (ResultSet rows = connection.createStatement().executeQuery("select subject from status_event")) {
                while (rows.next()) {
                    subjects.add(rows.getString(1));
                }
            }
            return null;
        });
        return subjects;
    }

    private long personalDataIn(ServiceDefinition service) {
        return rows(service, "select count(*) from status_event where payload::text ~ '(Test Client|1985-06-15|"
                + "Amersfoort|DISABILITY|111222333)'");
    }

    private long rows(ServiceDefinition service, String sql) {
        return Long.parseLong(query(service, sql));
    }

    private String query(ServiceDefinition service, String sql) {
        return withConnection(service, connection -> {
            try (ResultSet rows = connection.createStatement().executeQuery(sql)) {
                rows.next();
                return rows.getString(1);
            }
        });
    }

    private interface SqlWork<T> {
        T apply(Connection connection) throws SQLException;
    }

    private <T> T withConnection(ServiceDefinition service, SqlWork<T> work) {
        try (Connection connection = DriverManager.getConnection(databases.get(service), infrastructure.user(),
                infrastructure.password())) {
            return work.apply(connection);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void start(ServiceDefinition service) {
        String url = databases.get(service);
        String database = url.substring(url.lastIndexOf('/') + 1);
        running.put(service, ServiceLauncher.start(service,
                new ServiceLauncher.Infrastructure(url.substring(0, url.lastIndexOf('/') + 1),
                        infrastructure.user(), infrastructure.password(), infrastructure.kafkaBootstrapServers()),
                database, 0, List.of("--spring.profiles.active=demo",
                        "--spring.kafka.consumer.group-id=" + service.name() + "-" + database,
                        "--spring.datasource.hikari.maximum-pool-size=4")));
    }

    private String baseUrl(ServiceDefinition service) {
        return running.get(service).baseUrl();
    }

    private static void await(Supplier<Boolean> condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.get()) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting until " + what);
            }
        }
        throw new AssertionError("timed out waiting until " + what);
    }

}
