package nl.ipsexchange.mha.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.ObjectMapper;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.consent.ConsentTerms;
import nl.ipsexchange.kernel.fidelity.FidelityItem;
import nl.ipsexchange.mha.MentalHealthAgencyTest;
import nl.ipsexchange.testsupport.ApiClient;
import nl.ipsexchange.testsupport.TestInfrastructure;

@MentalHealthAgencyTest
class FidelityReviewApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    /** The fidelity reviewer records the reviews (ADR 0045). */
    private ApiClient reviewer() {
        return ApiClient.as("http://localhost:" + port, "mha.reviewer");
    }

    private static String body(String team, Map<String, Object> items) throws Exception {
        return body(team, items, LocalDate.now(ConsentTerms.ZONE).minusDays(3), "Kenniscentrum IPS");
    }

    private static String body(String team, Map<String, Object> items, LocalDate date, String organisation)
            throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("team", team);
        body.put("reviewDate", date.toString());
        body.put("reviewer", "J. Peters");
        body.put("reviewerOrganisation", organisation);
        body.put("trainingOrganisation", "Trimbos");
        body.put("items", items);
        return new ObjectMapper().writeValueAsString(body);
    }

    private static Map<String, Object> all(int score) {
        Map<String, Object> items = new LinkedHashMap<>();
        for (FidelityItem item : FidelityItem.values()) {
            items.put(item.name(), score);
        }
        return items;
    }

    @Test
    void aCompleteReviewAnswersTotalBandAndIndependenceAndTravelsToTheFunders() throws Exception {
        ApiClient.Response created = reviewer().post("/api/fidelity-reviews", body("IPS team Zuid", all(4)));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String reviewId = created.json().get("reviewId").asText();
        assertThat(created.json().get("total").asInt()).isEqualTo(100);
        assertThat(created.json().get("band").asText()).isEqualTo("GOOD");
        assertThat(created.json().get("independent").asBoolean()).isTrue();

        for (Agency funder : List.of(Agency.BENEFITS, Agency.MUNICIPALITY)) {
            String raw = awaitRecord(funder.inboxTopic(), "team:IPS team Zuid", reviewId);
            assertThat(raw).contains("\"type\":\"FidelityReviewed\"", "\"band\":\"GOOD\"").doesNotContain("consent");
        }
    }

    @Test
    void aMissingUnknownOrOutOfRangeItemIsA400NamingItAndChangesNothing() throws Exception {
        int reviews = jdbc.queryForObject("select count(*) from fidelity_review", Integer.class);
        Map<String, Object> missing = all(3);
        missing.remove("ZERO_EXCLUSION");
        Map<String, Object> unknown = all(3);
        unknown.put("COFFEE", 3);
        Map<String, Object> outOfRange = all(3);
        outOfRange.put("RAPID_JOB_SEARCH", 6);
        Map<String, Object> notAWholeNumber = all(3);
        notAWholeNumber.put("DISCLOSURE", 2.5);

        assertDetail(body("T", missing), "items.ZERO_EXCLUSION: is missing");
        assertDetail(body("T", unknown), "items.COFFEE: is not an IPS-25 item");
        assertDetail(body("T", outOfRange), "items.RAPID_JOB_SEARCH: must be a whole number from 1 to 5");
        assertDetail(body("T", notAWholeNumber), "items.DISCLOSURE: must be a whole number from 1 to 5");
        assertDetail(body(" ", all(3)), "team: is required");
        assertDetail(body("Team Noord", all(3)),
                "team: Team Noord is not one of the agency's IPS teams [IPS team Utrecht, IPS team Zuid]");

        assertThat(jdbc.queryForObject("select count(*) from fidelity_review", Integer.class)).isEqualTo(reviews);
    }

    @ParameterizedTest(name = "{0} may not record a review")
    @ValueSource(strings = {"mha.specialist", "mha.clinician", "mha.director"})
    void onlyTheFidelityReviewerRecordsAReviewNotTheSpecialistWhoseFundingItDecides(String user) throws Exception {
        int reviews = jdbc.queryForObject("select count(*) from fidelity_review", Integer.class);

        ApiClient.Response refused = ApiClient.as("http://localhost:" + port, user)
                .post("/api/fidelity-reviews", body("IPS team Zuid", all(4)));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.isProblem()).isTrue();
        assertThat(jdbc.queryForObject("select count(*) from fidelity_review", Integer.class)).isEqualTo(reviews);
    }

    @Test
    void aReviewerOfTheProvidersOwnOrganisationIsNotIndependent() throws Exception {
        ApiClient.Response created = reviewer().post("/api/fidelity-reviews", body("IPS team Utrecht", all(4),
                LocalDate.now(ConsentTerms.ZONE).minusDays(3), "GGZ Utrecht (demo)"));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("independent").asBoolean()).isFalse();
    }

    /** Same-day reviews: the one recorded last is the newest, whatever their ids. */
    @Test
    void sameDayReviewsAreOrderedByWhenTheyWereRecorded() throws Exception {
        LocalDate day = LocalDate.now(ConsentTerms.ZONE).minusDays(10);
        List<String> recorded = new ArrayList<>();
        for (int score : new int[] {2, 4, 3}) {
            ApiClient.Response created = reviewer().post("/api/fidelity-reviews",
                    body("IPS team Zuid", all(score), day, "Kenniscentrum IPS"));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            recorded.add(created.json().get("reviewId").asText());
        }

        ApiClient.Response listed = reviewer().get("/api/fidelity-reviews?team=IPS%20team%20Zuid");

        // other tests review the same team on other days: these three, in the order listed
        List<String> newestFirst = new ArrayList<>();
        List<Integer> totals = new ArrayList<>();
        listed.json().forEach(review -> {
            if (recorded.contains(review.get("reviewId").asText())) {
                newestFirst.add(review.get("reviewId").asText());
                totals.add(review.get("total").asInt());
            }
        });
        assertThat(newestFirst).containsExactly(recorded.get(2), recorded.get(1), recorded.get(0));
        assertThat(totals.get(0)).isEqualTo(75);
    }

    /** The same rule whatever the ids: the later-recorded review has the smaller id here. */
    @Test
    void ofTwoSameDayReviewsTheOneRecordedLastIsListedFirstWhateverTheirIds() {
        LocalDate day = LocalDate.now(ConsentTerms.ZONE).minusDays(12);
        String later = "00000000-0000-4000-8000-00000000000a";
        String earlier = "ffffffff-0000-4000-8000-00000000000b";
        for (Object[] row : new Object[][] {{later, "2026-11-02T10:00:00Z"}, {earlier, "2026-11-02T09:00:00Z"}}) {
            jdbc.update("""
                    insert into fidelity_review (review_id, team, review_date, reviewer, reviewer_organisation,
                        training_organisation, items, total, band, independent, last_event_id, recorded_at)
                    values (?, 'Team Doorn', ?, 'J. Peters', 'Kenniscentrum IPS', 'Trimbos', '{}', 75, 'FAIR', true,
                        ?, cast(? as timestamptz))""", row[0], Date.valueOf(day), row[0], row[1]);
        }

        ApiClient.Response listed = reviewer().get("/api/fidelity-reviews?team=Team%20Doorn");

        assertThat(listed.json().get(0).get("reviewId").asText()).isEqualTo(later);
        assertThat(listed.json().get(1).get("reviewId").asText()).isEqualTo(earlier);
    }

    private void assertDetail(String body, String expected) {
        ApiClient.Response response = reviewer().post("/api/fidelity-reviews", body);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.isProblem()).isTrue();
        assertThat(response.json().get("detail").asText()).isEqualTo(expected);
        assertThat(response.json().get("errors").get(0).get("field").asText())
                .isEqualTo(expected.substring(0, expected.indexOf(':')));
    }

    private static String awaitRecord(String topic, String key, String reviewId) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                TestInfrastructure.get().kafkaAdmin().with(Map.of(
                "group.id", "fidelity-check-" + System.nanoTime(), "auto.offset.reset", "earliest")),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    String value = new String(record.value(), StandardCharsets.UTF_8);
                    if (key.equals(record.key()) && value.contains(reviewId)) {
                        return value;
                    }
                }
            }
            throw new AssertionError("no review " + reviewId + " with key " + key + " on " + topic);
        }
    }
}
