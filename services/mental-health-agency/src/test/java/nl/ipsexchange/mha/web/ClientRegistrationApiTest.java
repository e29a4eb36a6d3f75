package nl.ipsexchange.mha.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.util.ReflectionTestUtils;

import com.fasterxml.jackson.databind.ObjectMapper;

import nl.ipsexchange.infra.eventstore.GapSafeJdbcEventStorageEngine;
import nl.ipsexchange.infra.eventstore.LingeringEventSource;
import nl.ipsexchange.infra.eventstore.PacedTailingReads;
import nl.ipsexchange.kernel.Topics;
import nl.ipsexchange.kernel.messaging.EnvelopeCodec;
import nl.ipsexchange.kernel.messaging.EventEnvelope;
import nl.ipsexchange.mha.MentalHealthAgencyTest;
import nl.ipsexchange.mha.command.client.Bsn;
import nl.ipsexchange.mha.query.client.RegisterSealing;
import nl.ipsexchange.mha.query.trajectory.TrajectoryProjection;
import nl.ipsexchange.platform.audit.AccessRecordRelay;
import nl.ipsexchange.platform.axon.AxonProcessingConfiguration;
import nl.ipsexchange.platform.crypto.StatusPseudonyms;
import nl.ipsexchange.testsupport.ApiClient;
import nl.ipsexchange.testsupport.Await;
import nl.ipsexchange.testsupport.TestInfrastructure;

/** {@code POST /api/clients} against a real PostgreSQL and Kafka. */
@MentalHealthAgencyTest
class ClientRegistrationApiTest {

    private static final String VALID = """
            {"name":"Anna de Vries","bsn":"%s","dateOfBirth":"1990-04-01","benefit":"SOCIAL_ASSISTANCE",
             "municipality":"Utrecht"}""";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    RegisterSealing sealing;

    @Autowired
    TrajectoryProjection trajectories;

    @Autowired
    StatusPseudonyms pseudonyms;

    private ApiClient clinician() {
        return ApiClient.as("http://localhost:" + port, "mha.clinician");
    }

    @Test
    void aRegisteredClientCanBeReadBackAndADeIdentifiedStatusEventIsPublished() {
        String bsn = unregisteredBsn();
        ApiClient.Response created = clinician().post("/api/clients", VALID.formatted(bsn));

        assertThat(created.status()).isEqualTo(201);
        String clientId = created.json().get("clientId").asText();
        ApiClient.Response read = clinician().get("/api/clients/" + clientId);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("name").asText()).isEqualTo("Anna de Vries");
        assertThat(read.json().get("benefit").asText()).isEqualTo("SOCIAL_ASSISTANCE");

        // named by this agency's pseudonym of the client, never by its id (ADR 36)
        ConsumerRecord<String, byte[]> record = awaitStatusRecordFor(pseudonyms.client(clientId));
        String raw = new String(record.value(), StandardCharsets.UTF_8);
        assertThat(raw).doesNotContain("Anna", bsn, "1990-04-01", "Utrecht", "SOCIAL_ASSISTANCE", clientId);
        EventEnvelope envelope = new EnvelopeCodec().decode(record.value());
        assertThat(envelope.type()).isEqualTo("ClientRegistered");
        assertThat(envelope.consent()).isNull();
        assertThat(envelope.subject()).isEqualTo(pseudonyms.client(clientId)).isNotEqualTo(clientId);
    }

    @Test
    void aHealthReadByTheAgencysOwnStaffIsRecordedWithItsPurposeTheirDefaultOrTheOneNamed() {
        String clientId = clinician().post("/api/clients", VALID.formatted(unregisteredBsn())).json().get("clientId")
                .asText();
        assertThat(clinician().put("/api/clients/" + clientId + "/health/HEALTH_SUMMARY", "{\"text\":\"x\"}")
                .status()).isEqualTo(204);

        assertThat(clinician().get("/api/clients/" + clientId).status()).isEqualTo(200);
        assertThat(clinician().get("/api/clients/" + clientId + "?purpose=CASE_REVIEW").status()).isEqualTo(200);
        assertThat(clinician().get("/api/clients/" + clientId + "?purpose=SHOPPING").status()).isEqualTo(400);

        assertThat(jdbc.queryForList("""
                select convert_from(payload, 'UTF8')::jsonb ->> 'purpose' from domain_event_entry
                where payload_type like '%AccessRecordedEvent'
                  and convert_from(payload, 'UTF8')::jsonb ->> 'clientId' = ?
                  and convert_from(payload, 'UTF8')::jsonb ->> 'action' = 'VIEW' order by global_index""",
                String.class, clientId)).containsExactly("JOB_SUPPORT", "CASE_REVIEW");
        // the consent gate withholds the new health text from the three recipients no consent names, in records of
        // its own, after the command: the test ends once they are stored, so that no later test counts them as its own
        Await.until(() -> jdbc.queryForObject("""
                select count(*) from domain_event_entry where payload_type like '%AccessRecordedEvent'
                  and convert_from(payload, 'UTF8')::jsonb ->> 'clientId' = ?
                  and convert_from(payload, 'UTF8')::jsonb ->> 'action' = 'WITHHOLD'""", Integer.class, clientId) == 3,
                Duration.ofSeconds(30), "the consent gate's withholdings are stored");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing name    | {"bsn":"111222333","dateOfBirth":"1990-04-01","benefit":"NONE","municipality":"Utrecht"}                  | name
            bad date        | {"name":"A","bsn":"111222333","dateOfBirth":"1990-13-01","benefit":"NONE","municipality":"Utrecht"}       | dateOfBirth
            unknown benefit | {"name":"A","bsn":"111222333","dateOfBirth":"1990-04-01","benefit":"WEALTHY","municipality":"Utrecht"}    | benefit
            bad bsn         | {"name":"A","bsn":"111222334","dateOfBirth":"1990-04-01","benefit":"NONE","municipality":"Utrecht"}       | bsn
            future birth    | {"name":"A","bsn":"111222333","dateOfBirth":"2999-04-01","benefit":"NONE","municipality":"Utrecht"}       | dateOfBirth
            unknown field   | {"name":"A","bsn":"111222333","dateOfBirth":"1990-04-01","benefit":"NONE","municipality":"U","x":1}      | x
            """)
    void aMalformedRegistrationIsA400NamingTheFieldAndChangesNothing(String caseName, String body, String field) {
        int events = count("domain_event_entry");

        ApiClient.Response response = clinician().post("/api/clients", body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.isProblem()).isTrue();
        assertThat(response.json().get("detail").asText()).startsWith(field + ":");
        assertThat(response.body()).doesNotContain("WEALTHY", "Exception", "at nl.");
        assertThat(count("domain_event_entry")).isEqualTo(events);
    }

    /**
     * A JSON answer, and a problem document, go out with their length and in one piece, not chunked (ADR 26): read
     * as the bytes a client receives.
     */
    @Test
    void anAnswerAndAProblemGoOutWithTheirLengthNotChunked() throws Exception {
        Map<String, String> statusOfBody = Map.of(VALID.formatted(unregisteredBsn()), "201", "{\"name\": ", "400");
        for (Map.Entry<String, String> sent : statusOfBody.entrySet()) {
            String[] answer = rawPost("/api/clients", sent.getKey()).split("\r\n\r\n", 2);
            String head = answer[0].toLowerCase(Locale.ROOT);
            assertThat(head).startsWith("http/1.1 " + sent.getValue())
                    .doesNotContain("transfer-encoding")
                    .contains("content-length: " + answer[1].getBytes(StandardCharsets.UTF_8).length + "\r\n");
            assertThat(answer[1]).startsWith("{").endsWith("}");
        }
    }

    private String rawPost(String path, String json) throws Exception {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            String head = "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                    + "Authorization: Basic " + Base64.getEncoder().encodeToString(
                            "mha.clinician:demo".getBytes(StandardCharsets.UTF_8))
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void notJsonAtAllIsA400() {
        ApiClient.Response response = clinician().post("/api/clients", "{\"name\": ");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("detail").asText()).contains("not well-formed JSON");
    }

    @Test
    void aCitizenServiceNumberCanBeRegisteredOnlyOnce() {
        String bsn = unregisteredBsn();
        assertThat(clinician().post("/api/clients", VALID.formatted(bsn)).status()).isEqualTo(201);
        int events = count("domain_event_entry");

        ApiClient.Response again = clinician().post("/api/clients", VALID.formatted(bsn));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("detail").asText()).contains("already registered").doesNotContain(bsn);
        assertThat(count("domain_event_entry")).isEqualTo(events);
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void ofRequestsAtOnceWithOneCitizenServiceNumberExactlyOneRegistersAndTheOthersAre409(CapturedOutput output)
            throws Exception {
        int requests = 8;
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        try {
            for (int round = 0; round < 10; round++) {
                String bsn = unregisteredBsn();
                int registrations = registrationsStored();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<ApiClient.Response>> answers = new ArrayList<>();
                for (int i = 0; i < requests; i++) {
                    ApiClient clinician = clinician();
                    answers.add(pool.submit(() -> {
                        start.await();
                        return clinician.post("/api/clients", VALID.formatted(bsn));
                    }));
                }
                start.countDown();
                List<ApiClient.Response> responses = new ArrayList<>();
                for (Future<ApiClient.Response> answer : answers) {
                    responses.add(answer.get(60, TimeUnit.SECONDS));
                }

                assertThat(responses).extracting(ApiClient.Response::status).containsOnly(201, 409)
                        .filteredOn(status -> status == 201).hasSize(1);
                for (ApiClient.Response refused : responses.stream().filter(r -> r.status() == 409).toList()) {
                    assertThat(refused.json().get("detail").asText()).contains("already registered");
                    assertThat(refused.body()).doesNotContain(bsn);
                }
                assertThat(jdbc.queryForObject("select count(*) from client_register where bsn_index = ?",
                        Integer.class, sealing.bsnIndex(bsn))).isEqualTo(1);
                assertThat(registrationsStored()).as("one registration stored").isEqualTo(registrations + 1);
                assertThat(output.getAll()).as("the number is not logged").doesNotContain(bsn);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRegisterRowAnEarlierVersionStoredInTheClearReadsAsItIsAndIsSealedAtStart() {
        String clientId = UUID.randomUUID().toString();
        String bsn = unregisteredBsn();
        jdbc.update("""
                insert into client_register (client_id, name, bsn, date_of_birth, benefit, municipality, registered_on,
                    last_event_id) values (?, 'Old Row', ?, date '1970-01-02', 'NONE', 'Gouda', current_date, 'e')""",
                clientId, bsn);
        jdbc.update("""
                insert into client_employment (client_id, job_preferences, disclosure_to_employer, last_event_id)
                values (?, 'baker', true, 'e')""", clientId);
        assertThat(clinician().get("/api/clients/" + clientId).json().get("name").asText()).isEqualTo("Old Row");

        assertThat(sealing.sealRowsInTheClear(jdbc)).isEqualTo(2);

        assertThat(jdbc.queryForObject("select count(*) from client_register where client_id = ? and name is null "
                + "and bsn is null and date_of_birth is null and municipality is null and bsn_index = ?",
                Integer.class, clientId, sealing.bsnIndex(bsn))).isEqualTo(1);
        assertThat(jdbc.queryForObject("select identification from client_register where client_id = ?",
                String.class, clientId)).doesNotContain("Old Row", bsn, "Gouda");
        assertThat(jdbc.queryForObject("select coalesce(job_preferences, '') || employment from client_employment "
                + "where client_id = ?", String.class, clientId)).doesNotContain("baker");
        ApiClient.Response read = clinician().get("/api/clients/" + clientId);
        assertThat(read.json().get("name").asText()).isEqualTo("Old Row");
        assertThat(read.json().get("bsn").asText()).isEqualTo(bsn);
        assertThat(read.json().get("municipality").asText()).isEqualTo("Gouda");
        assertThat(read.body()).contains("baker");
        assertThat(clinician().post("/api/clients", VALID.formatted(bsn)).status())
                .as("its number is still taken").isEqualTo(409);
    }

    @Test
    void trajectoryRowsAnEarlierVersionStoredInTheClearReadAsTheyAreAndAreSealedAtStart() {
        String clientId = clinician().post("/api/clients", VALID.formatted(unregisteredBsn())).json().get("clientId")
                .asText();
        String trajectoryId = UUID.randomUUID().toString();
        jdbc.update("""
                insert into trajectory (trajectory_id, client_id, benefit, referred_on, job_preferences, close_reason,
                    last_event_id) values (?, ?, 'SOCIAL_ASSISTANCE', current_date, 'florist', 'moved away', 'e')""",
                trajectoryId, clientId);
        jdbc.update("""
                insert into trajectory_placement (placement_id, trajectory_id, employer, job_title, competitive,
                    hours_per_week, monthly_gross_wage, start_date, end_reason, last_event_id)
                values (?, ?, 'Bloemenhuis Zeist', 'shop assistant', true, 20, 1234.50, current_date, 'too far', 'e')""",
                UUID.randomUUID().toString(), trajectoryId);
        String before = clinician().get("/api/trajectories/" + trajectoryId).body();
        assertThat(before).contains("florist", "Bloemenhuis Zeist", "shop assistant", "1234.5");

        trajectories.sealRowsInTheClear();

        assertThat(jdbc.queryForObject("select t::text || p::text from trajectory t join trajectory_placement p "
                + "on p.trajectory_id = t.trajectory_id where t.trajectory_id = ?", String.class, trajectoryId))
                .doesNotContain("florist", "moved away", "Bloemenhuis", "shop assistant", "1234.5", "too far");
        assertThat(clinician().get("/api/trajectories/" + trajectoryId).body()).isEqualTo(before);
    }

    private int registrationsStored() {
        return jdbc.queryForObject("select count(*) from domain_event_entry where payload_type like ?",
                Integer.class, "%$ClientRegisteredEvent");
    }

    /** A valid citizen service number that no test has registered yet. */
    private String unregisteredBsn() {
        for (int candidate = ThreadLocalRandom.current().nextInt(100_000_000, 900_000_000);; candidate++) {
            String bsn = String.valueOf(candidate);
            if (Bsn.isValid(bsn) && jdbc.queryForObject("select count(*) from client_register where bsn_index = ?",
                    Integer.class, sealing.bsnIndex(bsn)) == 0) {
                return bsn;
            }
        }
    }

    @Test
    void withoutALoginIs401AndADecisionMakerMayNotRegisterOrReadClients() {
        String base = "http://localhost:" + port;
        assertThat(ApiClient.anonymous(base).post("/api/clients", VALID.formatted("111222333")).status())
                .isEqualTo(401);
        ApiClient director = ApiClient.as(base, "mha.director");
        ApiClient.Response forbidden = director.post("/api/clients", VALID.formatted("111222333"));
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.isProblem()).isTrue();
        assertThat(director.get("/api/clients/0b8d8f7e-4a55-4f4e-9d0b-9f7d7c3f2a11").status()).isEqualTo(403);
        assertThat(ApiClient.as(base, "benefits.physician").get("/api/status").status())
                .as("users of another agency do not exist here").isEqualTo(401);
    }

    @Test
    void anUnknownClientIs404AndAMalformedIdIs400() {
        assertThat(clinician().get("/api/clients/0b8d8f7e-4a55-4f4e-9d0b-9f7d7c3f2a11").status()).isEqualTo(404);
        ApiClient.Response malformed = clinician().get("/api/clients/not-a-uuid");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("detail").asText()).startsWith("clientId:");
    }

    @Test
    void theClientListPagesInRegistrationOrderAndTheNextLinksReachEveryClientOnce() throws Exception {
        for (int i = 0; i < 7; i++) {
            assertThat(clinician().post("/api/clients", VALID.formatted(unregisteredBsn())).status()).isEqualTo(201);
        }
        List<String> whole = ids(listPage("/api/clients").body());
        assertThat(whole).hasSizeGreaterThanOrEqualTo(7).doesNotHaveDuplicates();
        assertThat(listPage("/api/clients").headers().firstValue("Link")).as("one page holds them all").isEmpty();

        List<String> walked = new ArrayList<>();
        String next = "/api/clients?limit=3";
        int pages = 0;
        while (next != null) {
            HttpResponse<String> page = listPage(next);
            assertThat(page.statusCode()).isEqualTo(200);
            List<String> shown = ids(page.body());
            assertThat(shown).hasSizeBetween(1, 3);
            walked.addAll(shown);
            next = page.headers().firstValue("Link").map(link -> link.substring(1, link.indexOf('>'))).orElse(null);
            pages++;
        }
        assertThat(walked).containsExactlyElementsOf(whole);
        assertThat(pages).isEqualTo((whole.size() + 2) / 3);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "/api/clients?after=0b8d8f7e-4a55-4f4e-9d0b-9f7d7c3f2a11, after",
            "/api/clients?after=not-an-id, after",
            "/api/clients?limit=0, limit",
            "/api/clients?limit=501, limit"})
    void aPageAfterAClientThatIsNotOneOrOfAWrongSizeIsA400NamingTheParameter(String path, String field) {
        ApiClient.Response refused = clinician().get(path);
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().get("detail").asText()).startsWith(field);
    }

    private HttpResponse<String> listPage(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "mha.clinician:demo".getBytes(StandardCharsets.UTF_8))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> ids(String list) throws Exception {
        List<String> ids = new ArrayList<>();
        new ObjectMapper().readTree(list).forEach(client -> ids.add(client.get("clientId").asText()));
        return ids;
    }

    private int count(String table) {
        return jdbc.queryForObject("select count(*) from " + table, Integer.class);
    }

    private ConsumerRecord<String, byte[]> awaitStatusRecordFor(String key) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                TestInfrastructure.get().kafkaAdmin().with(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, "status-check-" + key,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.STATUS));
            long deadline = System.currentTimeMillis() + 30_000;
            List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
            while (System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(seen::add);
                for (ConsumerRecord<String, byte[]> record : seen) {
                    if (key.equals(record.key())) {
                        return record;
                    }
                }
            }
            throw new AssertionError("no status event for " + key + " on " + Topics.STATUS);
        }
    }

    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void bothRelaysReadTheEventStoreThroughTheLingeringSource() {
        for (String relay : List.of(AxonProcessingConfiguration.INTEGRATION_PUBLISHER,
                AccessRecordRelay.PROCESSING_GROUP)) {
            var processor = processing.eventProcessor(relay,
                    TrackingEventProcessor.class).orElseThrow();
            assertThat(processor.getMessageSource()).as(relay)
                    .isInstanceOfSatisfying(LingeringEventSource.class,
                            source -> assertThat(source.linger()).isEqualTo(Duration.ofMillis(50)));
        }
    }

    @Autowired
    EventStore eventStore;

    @Test
    void theEventStoresProducerReadsTheTailAtMostOncePer25Ms() {
        assertThat(eventStore).isInstanceOf(EmbeddedEventStore.class);
        assertThat(ReflectionTestUtils.getField(eventStore, "storageEngine"))
                .isInstanceOfSatisfying(PacedTailingReads.class, paced -> {
                    assertThat(paced.pace()).isEqualTo(Duration.ofMillis(25));
                    assertThat(paced.engine())
                            .isInstanceOf(GapSafeJdbcEventStorageEngine.class);
                });
    }
}
