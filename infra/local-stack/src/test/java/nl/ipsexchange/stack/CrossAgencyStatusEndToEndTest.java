package nl.ipsexchange.stack;

import static nl.ipsexchange.stack.FiveServices.await;
import static nl.ipsexchange.stack.FiveServices.awaitHealthy;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.Topics;
import nl.ipsexchange.kernel.fidelity.FidelityItem;
import nl.ipsexchange.platform.crypto.StatusPseudonyms;
import nl.ipsexchange.stack.ServiceLauncher.RunningService;
import nl.ipsexchange.testsupport.ApiClient;
import nl.ipsexchange.testsupport.TopicReader;

/**
 * The five services, each its own Spring Boot application with its own database, against one real Kafka broker
 * and PostgreSQL server: a client registered at the mental health agency reaches every other service as a
 * de-identified status event, exactly once, also when a service was down while it happened; and no status event
 * names a client or a trajectory by an id another message carries, while every status page counts them (ADR 36).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossAgencyStatusEndToEndTest {

    private static final Map<ServiceDefinition, String> DECISION_MAKERS = Map.of(
            ServiceDefinition.MENTAL_HEALTH_AGENCY, "mha.director",
            ServiceDefinition.BENEFITS_AGENCY, "benefits.manager",
            ServiceDefinition.MUNICIPALITY, "municipality.adviser",
            ServiceDefinition.INSURER, "insurer.adviser",
            ServiceDefinition.AUDIT, "audit.auditor");

    /** Delivery is checked by counts going up by one: no small count suppressed here (ADR 53, demo profile only). */
    private final FiveServices services = new FiveServices(service -> List.of("--ips.status.minimum-count=1"));

    @AfterAll
    void stopAll() {
        services.close();
    }

    @Test
    void allFiveServicesAreUpWithDatabaseAndKafkaAndPublishTheirApi() {
        for (RunningService service : services.running()) {
            awaitHealthy(service.baseUrl(), service.definition().name());
            assertThat(ApiClient.anonymous(service.baseUrl()).get("/v3/api-docs").status()).isEqualTo(200);
            assertThat(ApiClient.anonymous(service.baseUrl()).get("/actuator/prometheus", "text/plain").status())
                    .as("metrics are not for anyone").isEqualTo(401);
            assertThat(ApiClient.as(service.baseUrl(), service.definition().demoAdministrator())
                    .get("/actuator/prometheus", "text/plain").body()).contains("jvm_memory_used_bytes");
        }
    }

    @Test
    void aRegistrationAtTheMentalHealthAgencyReachesTheOtherFourExactlyOnce() {
        Map<ServiceDefinition, Long> before = registeredCounts();

        String clientId = register("111222333");

        await(() -> everyServiceSawExactly(before, 1), "every service shows the registration once");
        for (ServiceDefinition service : ServiceDefinition.ALL) {
            assertThat(services.rows(service, "select subject from status_event")).contains(pseudonymOf(clientId))
                    .doesNotContain(clientId);
            assertThat(services.count(service, "select count(*) from status_event where payload::text ~ "
                    + "'(Test Client|1985-06-15|Amersfoort|DISABILITY|111222333)'"))
                    .as("no identifying data reaches %s", service.name()).isZero();
        }
    }

    @Test
    void aServiceThatWasDownCatchesUpOnWhatItMissedAndProcessesNothingTwice() {
        Map<ServiceDefinition, Long> before = registeredCounts();
        services.stop(ServiceDefinition.BENEFITS_AGENCY);

        String first = register("123456782");
        String second = register("999999990");
        await(() -> countOf(ServiceDefinition.MUNICIPALITY) == before.get(ServiceDefinition.MUNICIPALITY) + 2,
                "the municipality saw both while the benefits agency was down");

        services.start(ServiceDefinition.BENEFITS_AGENCY);

        await(() -> everyServiceSawExactly(before, 2), "the restarted benefits agency caught up");
        assertThat(services.rows(ServiceDefinition.BENEFITS_AGENCY, "select subject from status_event"))
                .contains(pseudonymOf(first), pseudonymOf(second));
        assertThat(services.count(ServiceDefinition.BENEFITS_AGENCY,
                "select count(*) from processed_message where topic = 'ips.status'"))
                .isEqualTo(services.count(ServiceDefinition.BENEFITS_AGENCY, "select count(*) from status_event"));
    }

    @Test
    void aRedeliveredMessageIsRecognisedByItsEventIdAndNotProcessedAgain() throws Exception {
        Map<ServiceDefinition, Long> before = registeredCounts();
        String clientId = register("100000009");
        await(() -> everyServiceSawExactly(before, 1), "the registration arrived everywhere");
        Map<ServiceDefinition, Long> settled = registeredCounts();

        // the same message again (as after a relay crash before its position was saved), then a new one after it
        String subject = pseudonymOf(clientId);
        byte[] original = services.records(Topics.STATUS, subject).get(0).value();
        try (KafkaProducer<String, byte[]> producer = services.producer()) {
            producer.send(FiveServices.signed(Agency.MENTAL_HEALTH, Topics.STATUS, subject, original)).get(10, TimeUnit.SECONDS);
            producer.send(FiveServices.signed(Agency.MENTAL_HEALTH, Topics.STATUS, subject, FiveServices.clientRegisteredStatus(subject))).get(10, TimeUnit.SECONDS);
        }

        // same key, same partition: once the marker is in, the duplicate before it has been seen and skipped
        await(() -> everyServiceSawExactly(settled, 1), "the marker arrived everywhere, the duplicate did not count");
    }

    @Test
    void aPoisonMessageIsParkedOnTheDeadLetterTopicAndWhatFollowsStillFlows() throws Exception {
        Map<ServiceDefinition, Long> before = registeredCounts();
        String subject = UUID.randomUUID().toString();
        byte[] poison = "{\"eventId\": \"not even an envelope".getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<String, byte[]> producer = services.producer()) {
            producer.send(FiveServices.signed(Agency.MENTAL_HEALTH, Topics.STATUS, subject, poison)).get(10, TimeUnit.SECONDS);
            producer.send(FiveServices.signed(Agency.MENTAL_HEALTH, Topics.STATUS, subject, FiveServices.clientRegisteredStatus(subject))).get(10, TimeUnit.SECONDS);
        }

        await(() -> everyServiceSawExactly(before, 1), "the message after the poison arrived everywhere");
        await(() -> services.records(Topics.DEAD_LETTER, subject).size() == ServiceDefinition.ALL.size(),
                "each of the five services parked the poison message once");
    }

    @Test
    void aMessageThatKeepsFailingIsParkedUnderItsClientOthersFlowAndAnAdministratorSeesRetriesAndDiscardsIt()
            throws Exception {
        Map<ServiceDefinition, Long> before = registeredCounts();
        // readable, but no service can store it: its subject is longer than the contract's columns allow
        String poisoned = "p".repeat(120) + UUID.randomUUID();
        String other = UUID.randomUUID().toString();
        try (KafkaProducer<String, byte[]> producer = services.producer()) {
            producer.send(FiveServices.signed(Agency.MENTAL_HEALTH, Topics.STATUS, poisoned, FiveServices.clientRegisteredStatus(poisoned))).get(10, TimeUnit.SECONDS);
            producer.send(FiveServices.signed(Agency.MENTAL_HEALTH, Topics.STATUS, poisoned, FiveServices.clientRegisteredStatus(poisoned))).get(10, TimeUnit.SECONDS);
            producer.send(FiveServices.signed(Agency.MENTAL_HEALTH, Topics.STATUS, other, FiveServices.clientRegisteredStatus(other))).get(10, TimeUnit.SECONDS);
        }
        await(() -> everyServiceSawExactly(before, 1), "the other client's message flowed everywhere");
        await(() -> ServiceDefinition.ALL.stream().allMatch(service -> services.count(service,
                "select count(*) from parked_message where sequence_key = '" + poisoned + "'") == 2),
                "every service parked the failing message and the one behind it, in order");

        ApiClient admin = services.as(ServiceDefinition.BENEFITS_AGENCY, "benefits.admin");
        List<JsonNode> parked = parkedOf(admin, poisoned);
        assertThat(parked).hasSize(2);
        assertThat(parked.get(0).get("reason").asText()).contains("DataIntegrityViolationException")
                .doesNotContain(poisoned);
        assertThat(parked.get(0).get("attempts").asInt()).isZero();
        assertThat(parked.get(1).get("reason").asText()).contains("waits behind");
        assertThat(parked.get(0).has("message")).as("no content is ever shown").isFalse();

        String first = parked.get(0).get("eventId").asText();
        ApiClient.Response retried = admin.post("/api/admin/parked-messages/" + first + "/retry", "");
        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        assertThat(retried.json().get("retried").asInt()).isZero();
        assertThat(retried.json().get("stillParked").asInt()).isEqualTo(2);
        assertThat(parkedOf(admin, poisoned).get(0).get("attempts").asInt()).isEqualTo(1);

        ApiClient.Response noReason = admin.post("/api/admin/parked-messages/" + first + "/discard", "{}");
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.body()).contains("reason");
        assertThat(admin.post("/api/admin/parked-messages/" + UUID.randomUUID() + "/retry", "").status())
                .isEqualTo(404);
        for (JsonNode message : parked) {
            ApiClient.Response discarded = admin.post("/api/admin/parked-messages/" + message.get("eventId").asText()
                    + "/discard", "{\"reason\":\"subject longer than the contract allows; reported to the sender\"}");
            assertThat(discarded.status()).as(discarded.body()).isEqualTo(200);
            assertThat(discarded.json().get("outcome").asText()).isEqualTo("DISCARDED");
        }
        assertThat(parkedOf(admin, poisoned)).isEmpty();
        JsonNode resolutions = admin.get("/api/admin/parked-messages/resolutions").json();
        assertThat(StreamSupport.stream(resolutions.spliterator(), false)
                .filter(r -> r.get("sequenceKey").asText().equals(poisoned))
                .filter(r -> r.get("resolvedBy").asText().equals("benefits.admin"))).hasSize(2);
        // the other services still hold theirs: each service's administrator decides for that service
        assertThat(services.count(ServiceDefinition.MUNICIPALITY,
                "select count(*) from parked_message where sequence_key = '" + poisoned + "'")).isEqualTo(2);
    }

    private static List<JsonNode> parkedOf(ApiClient admin, String sequence) {
        ApiClient.Response response = admin.get("/api/admin/parked-messages");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return StreamSupport.stream(response.json().spliterator(), false)
                .filter(message -> message.get("sequenceKey").asText().equals(sequence)).toList();
    }

    @Test
    void aFidelityReviewReachesBothFundersAsTeamLevelDataAndTheStatusOfEveryAgency() throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("team", "IPS team Zuid");
        // long past: never the team's newest review, which decides the funding other tests on this stack ask for
        body.put("reviewDate", FiveServices.today().minusYears(3).toString());
        body.put("reviewer", "R. Bakker");
        body.put("reviewerOrganisation", "Kenniscentrum IPS");
        body.put("trainingOrganisation", "Kenniscentrum IPS");
        Map<String, Object> items = new LinkedHashMap<>();
        for (FidelityItem item : FidelityItem.values()) {
            items.put(item.name(), 3);
        }
        body.put("items", items);
        ApiClient.Response created = services.as(ServiceDefinition.MENTAL_HEALTH_AGENCY, "mha.reviewer")
                .post("/api/fidelity-reviews", new ObjectMapper().writeValueAsString(body));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("band").asText()).isEqualTo("FAIR");
        assertThat(created.json().get("independent").asBoolean()).isFalse();
        String reviewId = created.json().get("reviewId").asText();

        for (ServiceDefinition funder : List.of(ServiceDefinition.BENEFITS_AGENCY, ServiceDefinition.MUNICIPALITY)) {
            await(() -> services.count(funder, "select count(*) from fidelity_register where review_id = '" + reviewId
                    + "' and team = 'IPS team Zuid' and band = 'FAIR' and total = 75 and not independent") == 1, funder.name() + " has the review");
        }
        await(() -> ServiceDefinition.ALL.stream().allMatch(service -> services.count(service,
                "select count(*) from status_event where event_type = 'FidelityReviewed'") >= 1),
                "every agency's decision makers see the review");
    }

    @Test
    void aClientWalkedThroughReferralAndFundingCountsOnEveryStatusPageWhileNoStatusEventNamesTheClientOrTrajectory()
            throws Exception {
        Map<ServiceDefinition, JsonNode> before = measures();
        ApiClient clinician = services.as(ServiceDefinition.MENTAL_HEALTH_AGENCY, "mha.clinician");
        String clientId = register("100000034", "SOCIAL_ASSISTANCE");
        ApiClient.Response consented = clinician.post("/api/clients/" + clientId + "/consents", """
                {"recipients":["MUNICIPALITY"],"categories":["IDENTIFICATION","BENEFITS","EMPLOYMENT"],
                 "purposes":["FUNDING_DECISION"],"validFrom":"%s","validUntil":"%s"}"""
                .formatted(FiveServices.today(), FiveServices.today().plusYears(1)));
        assertThat(consented.status()).as(consented.body()).isEqualTo(201);
        ApiClient.Response referred = clinician.post("/api/referrals",
                "{\"clientId\":\"" + clientId + "\",\"wishesToWork\":true,\"jobPreferences\":\"gardening\","
                        + "\"team\":\"IPS team Utrecht\"}");
        assertThat(referred.status()).as(referred.body()).isEqualTo(201);
        String trajectoryId = referred.json().get("trajectoryId").asText();
        ApiClient.Response applied = clinician.post("/api/trajectories/" + trajectoryId + "/funding-application",
                "{}");
        assertThat(applied.status()).as(applied.body()).isEqualTo(202);
        // the municipality approves only when the trajectory's team's latest fidelity review is FAIR or better
        postFidelityReview("IPS team Utrecht");
        ApiClient caseManager = services.as(ServiceDefinition.MUNICIPALITY, "municipality.case-manager");
        await(() -> services.count(ServiceDefinition.MUNICIPALITY, "select count(*) from fidelity_register where "
                + "team = 'IPS team Utrecht'") == 1 && caseManager.get("/api/funding-applications").body()
                .contains(trajectoryId), "the municipality has the review and the application");
        ApiClient.Response approved = caseManager.post("/api/funding-applications/" + trajectoryId + "/approve",
                "{\"startDate\":\"" + FiveServices.today() + "\"}");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);

        // every agency's decision makers count the client: referred, a participant, funding approved
        await(() -> ServiceDefinition.ALL.stream().allMatch(service -> {
            JsonNode now = measures(service);
            return now.get("referrals").asLong() == before.get(service).get("referrals").asLong() + 1
                    && now.get("participants").asLong() == before.get(service).get("participants").asLong() + 1
                    && now.get("trajectoriesStarted").asLong()
                            == before.get(service).get("trajectoriesStarted").asLong() + 1;
        }), "every status page counts the client's referral and approved funding");

        // the topic, read from its start, holds the steps under each sender's own pseudonym and never the ids
        List<String> topic = TopicReader.readToEnd(services.kafkaAdmin(), Topics.STATUS, new StringDeserializer(),
                new ByteArrayDeserializer(), Duration.ofSeconds(60)).stream()
                .map(record -> record.key() + " " + new String(record.value(), StandardCharsets.UTF_8)).toList();
        String mhaPseudonym = services.bean(ServiceDefinition.MENTAL_HEALTH_AGENCY, StatusPseudonyms.class)
                .trajectory(trajectoryId);
        String municipalityPseudonym = services.bean(ServiceDefinition.MUNICIPALITY, StatusPseudonyms.class)
                .trajectory(trajectoryId);
        assertThat(topic).filteredOn(record -> record.contains(mhaPseudonym)).as("the mental health agency's steps")
                .hasSize(2);
        assertThat(topic).filteredOn(record -> record.contains(municipalityPseudonym)).as("the municipality's steps")
                .isNotEmpty().noneMatch(record -> record.contains(mhaPseudonym));
        assertThat(topic).noneMatch(record -> record.contains(clientId)).noneMatch(record -> record.contains(
                trajectoryId));
        for (ServiceDefinition service : ServiceDefinition.ALL) {
            assertThat(services.count(service, "select count(*) from status_event where subject in ('" + clientId
                    + "', '" + trajectoryId + "') or payload::text like '%" + clientId + "%' or payload::text like '%"
                    + trajectoryId + "%'")).as("no status event %s keeps names them", service.name()).isZero();
        }
    }

    private void postFidelityReview(String team) throws Exception {
        Map<String, Object> items = new LinkedHashMap<>();
        for (FidelityItem item : FidelityItem.values()) {
            items.put(item.name(), 3);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("team", team);
        body.put("reviewDate", FiveServices.today().minusDays(2).toString());
        body.put("reviewer", "R. Bakker");
        body.put("reviewerOrganisation", "Kenniscentrum IPS");
        // independent of the trainer and the provider: the covenant accepts no other (ADR 0045)
        body.put("trainingOrganisation", "Trimbos");
        body.put("items", items);
        ApiClient.Response created = services.as(ServiceDefinition.MENTAL_HEALTH_AGENCY, "mha.reviewer")
                .post("/api/fidelity-reviews", new ObjectMapper().writeValueAsString(body));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    private Map<ServiceDefinition, JsonNode> measures() {
        Map<ServiceDefinition, JsonNode> measures = new LinkedHashMap<>();
        ServiceDefinition.ALL.forEach(service -> measures.put(service, measures(service)));
        return measures;
    }

    /** The current quarter's, through the service's own API, as its decision maker sees them. */
    private JsonNode measures(ServiceDefinition service) {
        ApiClient.Response measures = services.as(service, DECISION_MAKERS.get(service)).get("/api/status/measures");
        assertThat(measures.status()).as(measures.body()).isEqualTo(200);
        return measures.json();
    }

    /** The mental health agency's pseudonym of a client on {@code ips.status} (ADR 36). */
    private String pseudonymOf(String clientId) {
        return services.bean(ServiceDefinition.MENTAL_HEALTH_AGENCY, StatusPseudonyms.class).client(clientId);
    }

    private String register(String bsn) {
        return register(bsn, "DISABILITY");
    }

    private String register(String bsn, String benefit) {
        ApiClient.Response response = services.as(ServiceDefinition.MENTAL_HEALTH_AGENCY, "mha.clinician")
                .post("/api/clients", """
                        {"name":"Test Client %s","bsn":"%s","dateOfBirth":"1985-06-15","benefit":"%s",
                         "municipality":"Amersfoort"}""".formatted(bsn, bsn, benefit));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("clientId").asText();
    }

    private boolean everyServiceSawExactly(Map<ServiceDefinition, Long> before, int more) {
        return ServiceDefinition.ALL.stream().allMatch(service -> countOf(service) == before.get(service) + more);
    }

    private Map<ServiceDefinition, Long> registeredCounts() {
        Map<ServiceDefinition, Long> counts = new LinkedHashMap<>();
        ServiceDefinition.ALL.forEach(service -> counts.put(service, countOf(service)));
        return counts;
    }

    /** Through the service's own API, as its decision maker sees it. */
    private long countOf(ServiceDefinition service) {
        ApiClient.Response status = services.as(service, DECISION_MAKERS.get(service)).get("/api/status");
        assertThat(status.status()).as(status.body()).isEqualTo(200);
        return status.json().at("/eventCounts/ClientRegistered").asLong(0);
    }
}
