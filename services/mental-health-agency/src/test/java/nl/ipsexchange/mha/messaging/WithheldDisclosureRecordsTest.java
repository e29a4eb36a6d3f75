package nl.ipsexchange.mha.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.consent.ConsentTerms;
import nl.ipsexchange.mha.MentalHealthAgencyTest;
import nl.ipsexchange.platform.axon.AxonProcessingConfiguration;
import nl.ipsexchange.testsupport.ApiClient;
import nl.ipsexchange.testsupport.Await;
import nl.ipsexchange.testsupport.TestBsns;
import nl.ipsexchange.testsupport.TestInfrastructure;
import nl.ipsexchange.testsupport.TopicReader;
import nl.ipsexchange.testsupport.TrackingTokens;

/**
 * "With nothing covered, nothing is sent and the withheld disclosure is recorded", on both sending paths of the
 * mental health agency, against a real PostgreSQL and Kafka: the consent gate relay (client data to every receiving
 * agency) and the gated sender (trajectory steps to a funder or the insurer). The records are read from this
 * service's event store, where the access recorder writes them; they name categories, never content.
 */
@MentalHealthAgencyTest
class WithheldDisclosureRecordsTest {

    private static final LocalDate TODAY = LocalDate.now(ConsentTerms.ZONE);
    private static final List<Agency> RECEIVING = List.of(Agency.BENEFITS, Agency.MUNICIPALITY, Agency.INSURER);

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aRecipientThatNoConsentNamesGetsNothingAndEachWithheldDisclosureIsRecordedWithoutContent() {
        ApiClient clinician = clinician();
        String clientId = client(clinician, TestBsns.random());
        String marker = "hears-voices-" + UUID.randomUUID();
        assertThat(clinician.put("/api/clients/" + clientId + "/health/HEALTH_SUMMARY",
                "{\"text\":\"" + marker + "\"}").status()).isEqualTo(204);

        // no consent at all: one withhold record per receiving agency, of the category the change was about
        List<JsonNode> first = awaitRecords(clientId, "WITHHOLD", 3);
        assertThat(first).extracting(r -> r.get("reason").asText()).containsExactlyInAnyOrder(
                "not sent to BENEFITS: no active consent names it",
                "not sent to MUNICIPALITY: no active consent names it",
                "not sent to INSURER: no active consent names it");
        for (JsonNode record : first) {
            assertThat(record.get("outcome").asText()).isEqualTo("DENIED");
            assertThat(record.get("userId").asText()).isEqualTo("system");
            assertThat(record.path("purpose").isNull() || record.path("purpose").isMissingNode()).isTrue();
            assertThat(record.path("consentId").isNull() || record.path("consentId").isMissingNode()).isTrue();
            assertThat(record.get("categories").toString()).contains("\"HEALTH_SUMMARY\"")
                    .doesNotContain("IDENTIFICATION", "BENEFITS", "EMPLOYMENT", "DIAGNOSIS", "TREATMENT");
            assertThat(record.toString()).doesNotContain(marker, "Client 100000071");
        }
        assertThat(records(clientId, r -> r.get("action").asText().equals("DISCLOSE"))).isEmpty();

        // a consent for the benefits agency only: the next change goes there (in part), the other two are withheld
        assertThat(clinician.post("/api/clients/" + clientId + "/consents", """
                {"recipients":["BENEFITS"],"categories":["IDENTIFICATION"],"purposes":["FUNDING_DECISION"],
                 "validFrom":"%s","validUntil":"%s"}""".formatted(TODAY, TODAY.plusDays(30))).status())
                .isEqualTo(201);
        assertThat(clinician.put("/api/clients/" + clientId + "/employment",
                "{\"jobPreferences\":\"bicycle repair\",\"disclosureToEmployer\":false}").status()).isEqualTo(204);
        awaitRecords(clientId, "WITHHOLD", 3 + 2 + 2);
        assertThat(records(clientId, r -> r.get("action").asText().equals("WITHHOLD")
                && r.get("reason").asText().endsWith("no active consent names it")))
                .extracting(r -> r.get("reason").asText().substring("not sent to ".length()).split(":")[0])
                .containsExactlyInAnyOrder("BENEFITS", "MUNICIPALITY", "INSURER", "MUNICIPALITY", "INSURER");
        List<JsonNode> atBenefits = records(clientId, r -> r.get("action").asText().equals("WITHHOLD")
                && r.get("reason").asText().equals("not sent to BENEFITS: no active consent covers it"));
        assertThat(atBenefits).as("the consent given: the uncovered categories for its purpose, twice (consent "
                + "and employment change)").hasSize(2);
        assertThat(atBenefits.get(0).get("purpose").asText()).isEqualTo("FUNDING_DECISION");
        assertThat(atBenefits.get(0).get("categories").toString()).contains("HEALTH_SUMMARY")
                .doesNotContain("IDENTIFICATION");

        List<ConsumerRecord<String, byte[]>> inboxes = inboxRecords(clientId);
        assertThat(inboxes).extracting(ConsumerRecord::topic).as("nothing goes to the agencies no consent names")
                .isNotEmpty().allMatch(topic -> topic.equals(Agency.BENEFITS.inboxTopic()));
    }

    @Test
    void aTrajectoryStepThatNoConsentCoversIsNotSentToTheInsurerAndTheWithholdIsRecorded() {
        ApiClient clinician = clinician();
        String clientId = client(clinician, TestBsns.random());
        // a consent for the insurer, but not for BENEFITS-category data (intake hours are billed as BENEFITS)
        assertThat(clinician.post("/api/clients/" + clientId + "/consents", """
                {"recipients":["INSURER"],"categories":["IDENTIFICATION"],"purposes":["BILLING"],
                 "validFrom":"%s","validUntil":"%s"}""".formatted(TODAY, TODAY.plusDays(30))).status())
                .isEqualTo(201);
        ApiClient.Response referred = clinician.post("/api/referrals", """
                {"clientId":"%s","wishesToWork":true,"referredOn":"%s","team":"IPS team Utrecht"}""".formatted(clientId, TODAY.minusDays(2)));
        assertThat(referred.status()).as(referred.body()).isEqualTo(201);
        String trajectory = referred.json().get("trajectoryId").asText();
        assertThat(clinician.post("/api/trajectories/" + trajectory + "/intake-sessions",
                "{\"date\":\"" + TODAY.minusDays(1) + "\",\"hours\":1.5}").status()).isEqualTo(201);

        // (the consent itself also withholds BENEFITS data from the relay's message: "covers it", not this record)
        List<JsonNode> withheld = awaitRecords(clientId, r -> r.get("action").asText().equals("WITHHOLD")
                && r.get("reason").asText().equals("not sent to INSURER: no active consent covers BENEFITS"), 1);
        JsonNode record = withheld.get(0);
        assertThat(record.get("purpose").asText()).isEqualTo("BILLING");
        assertThat(record.get("outcome").asText()).isEqualTo("DENIED");
        assertThat(record.get("categories").toString()).contains("\"BENEFITS\"")
                .doesNotContain("IDENTIFICATION", "EMPLOYMENT", "HEALTH_SUMMARY", "DIAGNOSIS", "TREATMENT");
        assertThat(record.toString()).doesNotContain(trajectory);
        assertThat(records(clientId, r -> r.get("action").asText().equals("DISCLOSE")
                && r.path("purpose").asText().equals("BILLING")
                && r.get("categories").toString().contains("BENEFITS"))).isEmpty();
        assertThat(inboxRecords(clientId)).extracting(r -> new String(r.value()))
                .noneMatch(raw -> raw.contains("IntakeHoursBilled"));
    }

    private ApiClient clinician() {
        return ApiClient.as("http://localhost:" + port, "mha.clinician");
    }

    private static String client(ApiClient clinician, String bsn) {
        ApiClient.Response created = clinician.post("/api/clients", """
                {"name":"Client %s","bsn":"%s","dateOfBirth":"1970-07-07","benefit":"DISABILITY",
                 "municipality":"Ede"}""".formatted(bsn, bsn));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("clientId").asText();
    }

    private List<JsonNode> awaitRecords(String clientId, String action, int atLeast) {
        return awaitRecords(clientId, r -> r.get("action").asText().equals(action), atLeast);
    }

    private List<JsonNode> awaitRecords(String clientId, Predicate<JsonNode> which, int atLeast) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<JsonNode> found = records(clientId, which);
        while (found.size() < atLeast && System.nanoTime() < deadline) {
            sleep(100);
            found = records(clientId, which);
        }
        assertThat(found).as("access records of " + clientId).hasSizeGreaterThanOrEqualTo(atLeast);
        sleep(1_000); // and no more than expected arrive after them
        found = records(clientId, which);
        assertThat(found).hasSize(atLeast);
        return found;
    }

    /** The access records about the client in this service's event store. */
    private List<JsonNode> records(String clientId, Predicate<JsonNode> which) {
        return StoredAccessRecords.about(jdbc, clientId, which);
    }

    /**
     * What reached the three receiving agencies' inboxes about the client, once the relay has sent everything this
     * service has stored (its token, moved only after a batch's sends are acknowledged, has passed the newest event).
     */
    private List<ConsumerRecord<String, byte[]>> inboxRecords(String clientId) {
        long newest = jdbc.queryForObject("select max(global_index) from domain_event_entry", Long.class);
        Await.until(() -> {
            List<String> tokens = jdbc.queryForList("select convert_from(token, 'UTF8') from token_entry "
                    + "where processor_name = ?", String.class, AxonProcessingConfiguration.INTEGRATION_PUBLISHER);
            return tokens.size() == 1 && TrackingTokens.passed(tokens.get(0), newest);
        }, Duration.ofSeconds(30), "the relay (one segment) has sent event " + newest);
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        for (Agency agency : RECEIVING) {
            TopicReader.readToEnd(TestInfrastructure.get().kafkaAdmin(), agency.inboxTopic(),
                    new StringDeserializer(), new ByteArrayDeserializer(), Duration.ofSeconds(30)).stream()
                    .filter(record -> clientId.equals(record.key())).forEach(found::add);
        }
        return found;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
