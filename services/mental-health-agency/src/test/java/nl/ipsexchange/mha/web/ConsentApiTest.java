package nl.ipsexchange.mha.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import nl.ipsexchange.kernel.consent.ConsentTerms;
import nl.ipsexchange.mha.MentalHealthAgencyTest;
import nl.ipsexchange.testsupport.ApiClient;
import nl.ipsexchange.testsupport.TestBsns;

/** Consents and health data through the API, against a real PostgreSQL and Kafka. */
@MentalHealthAgencyTest
class ConsentApiTest {

    private static final LocalDate TODAY = LocalDate.now(ConsentTerms.ZONE);

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private ApiClient clinician;
    private String clientId;

    @BeforeEach
    void aClient() {
        clinician = ApiClient.as("http://localhost:" + port, "mha.clinician");
        ApiClient.Response created = clinician.post("/api/clients", """
                {"name":"Bram Jansen","bsn":"%s","dateOfBirth":"1979-11-02","benefit":"SOCIAL_ASSISTANCE",
                 "municipality":"Utrecht"}""".formatted(TestBsns.random()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        clientId = created.json().get("clientId").asText();
    }

    private String consent(String recipients, String categories, String purposes, LocalDate from, LocalDate until) {
        return """
                {"recipients":%s,"categories":%s,"purposes":%s,"validFrom":"%s","validUntil":"%s"}"""
                .formatted(recipients, categories, purposes, from, until);
    }

    @Autowired
    DeadlineManager deadlines;

    /** That it survives a restart of the service: {@link ConsentExpiryRestartTest}. */
    @Test
    void expiryIsScheduledAsADeadlineInTheDatabase() {
        assertThat(deadlines).isInstanceOf(DbSchedulerDeadlineManager.class);
        int scheduled = jdbc.queryForObject("select count(*) from scheduled_tasks", Integer.class);

        assertThat(clinician.post("/api/clients/" + clientId + "/consents", consent("[\"INSURER\"]",
                "[\"BENEFITS\"]", "[\"BILLING\"]", TODAY, TODAY.plusDays(3))).status()).isEqualTo(201);

        assertThat(jdbc.queryForObject("select count(*) from scheduled_tasks", Integer.class))
                .isEqualTo(scheduled + 1);
    }

    @Test
    void aConsentIsGivenListedAndRevoked() {
        ApiClient.Response given = clinician.post("/api/clients/" + clientId + "/consents",
                consent("[\"BENEFITS\"]", "[\"IDENTIFICATION\"]", "[\"FUNDING_DECISION\"]", TODAY, TODAY.plusDays(30)));
        assertThat(given.status()).as(given.body()).isEqualTo(201);
        String consentId = given.json().get("consentId").asText();

        ApiClient.Response listed = clinician.get("/api/clients/" + clientId + "/consents");
        assertThat(listed.json().get(0).get("status").asText()).isEqualTo("ACTIVE");
        assertThat(listed.json().get(0).get("effect").asText()).isEqualTo("PERMIT");

        ApiClient.Response revoked = clinician.post("/api/clients/" + clientId + "/consents/" + consentId + "/revoke",
                "{\"reason\":\"no longer wanted\"}");
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(clinician.get("/api/clients/" + clientId + "/consents").json().get(0).get("status").asText())
                .isEqualTo("REVOKED");
        assertThat(clinician.post("/api/clients/" + clientId + "/consents/" + consentId + "/revoke", "{}").status())
                .as("revoking twice").isEqualTo(409);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown agency    | ["EMPLOYER"]   | ["IDENTIFICATION"] | ["FUNDING_DECISION"] | 0  | 30 | recipients
            unknown category  | ["BENEFITS"]   | ["SHOE_SIZE"]      | ["FUNDING_DECISION"] | 0  | 30 | categories
            unknown purpose   | ["BENEFITS"]   | ["IDENTIFICATION"] | ["MARKETING"]        | 0  | 30 | purposes
            no recipients     | []             | ["IDENTIFICATION"] | ["FUNDING_DECISION"] | 0  | 30 | recipients
            until before from | ["BENEFITS"]   | ["IDENTIFICATION"] | ["FUNDING_DECISION"] | 10 | 5  | validUntil
            already over      | ["BENEFITS"]   | ["IDENTIFICATION"] | ["FUNDING_DECISION"] | -9 | -1 | validUntil
            own agency        | ["MENTAL_HEALTH"] | ["IDENTIFICATION"] | ["FUNDING_DECISION"] | 0 | 30 | recipients
            """)
    void aBadConsentIsA400NamingTheFieldAndChangesNothing(String name, String recipients, String categories,
                                                          String purposes, int from, int until, String field) {
        int events = count();
        ListAppender<ILoggingEvent> logged =
                new ListAppender<>();
        logged.start();
        Logger root = (Logger) LoggerFactory.getLogger(
                org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(logged);
        ApiClient.Response response;
        try {
            response = clinician.post("/api/clients/" + clientId + "/consents",
                    consent(recipients, categories, purposes, TODAY.plusDays(from), TODAY.plusDays(until)));
        } finally {
            root.detachAppender(logged);
        }

        // a refusal is an answer to the user, not a fault: nothing in the log with a stack trace
        assertThat(logged.list).as("log events with a stack trace")
                .noneMatch(event -> event.getThrowableProxy() != null);
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.isProblem()).isTrue();
        assertThat(response.json().get("detail").asText()).startsWith(field);
        assertThat(response.body()).doesNotContain("EMPLOYER", "SHOE_SIZE", "MARKETING");
        assertThat(count()).isEqualTo(events);
    }

    @Test
    void revokingAnotherClientsConsentIsRefusedAndChangesNothing() {
        String consentId = clinician.post("/api/clients/" + clientId + "/consents",
                consent("[\"BENEFITS\"]", "[\"IDENTIFICATION\"]", "[\"FUNDING_DECISION\"]", TODAY, TODAY.plusDays(30)))
                .json().get("consentId").asText();
        String otherClient = clinician.post("/api/clients", """
                {"name":"Other","bsn":"%s","dateOfBirth":"1980-01-01","benefit":"NONE","municipality":"Ede"}"""
                .formatted(TestBsns.random())).json().get("clientId").asText();
        int events = count();

        ApiClient.Response response = clinician.post(
                "/api/clients/" + otherClient + "/consents/" + consentId + "/revoke", "{\"reason\":\"x\"}");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("detail").asText()).contains("has no consent");
        assertThat(count()).isEqualTo(events);
        assertThat(clinician.get("/api/clients/" + clientId + "/consents").json().get(0).get("status").asText())
                .isEqualTo("ACTIVE");
        assertThat(clinician.post("/api/clients/" + clientId + "/consents/0b8d8f7e-4a55-4f4e-9d0b-9f7d7c3f2a11/revoke",
                "{}").status()).as("an unknown consent id").isEqualTo(404);
    }

    @Test
    void healthDataIsStoredEncryptedAndShownByNeedToKnowWithAnAccessRecord() {
        assertThat(clinician.put("/api/clients/" + clientId + "/health/DIAGNOSIS",
                "{\"text\":\"schizoaffective disorder, marker-7731\"}").status()).isEqualTo(204);
        assertThat(clinician.put("/api/clients/" + clientId + "/health/HEALTH_SUMMARY",
                "{\"text\":\"needs a quiet workplace, marker-7732\"}").status()).isEqualTo(204);

        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where position("
                + "convert_to('marker-773', 'UTF8') in payload) > 0", Integer.class)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from client_health where ciphertext like '%marker-773%'",
                Integer.class)).isZero();

        ApiClient.Response asClinician = clinician.get("/api/clients/" + clientId);
        assertThat(asClinician.json().get("diagnosis").asText()).contains("marker-7731");
        ApiClient specialist = ApiClient.as("http://localhost:" + port, "mha.specialist");
        ApiClient.Response asSpecialist = specialist.get("/api/clients/" + clientId);
        assertThat(asSpecialist.json().get("healthSummary").asText()).contains("marker-7732");
        assertThat(asSpecialist.json().has("diagnosis")).as("the specialist has no need to know").isFalse();

        // (views only: the relay also records, asynchronously, what it withheld from each receiving agency)
        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where payload_type like "
                + "'%AccessRecordedEvent' and position(convert_to('" + clientId + "', 'UTF8') in payload) > 0"
                + " and convert_from(payload, 'UTF8')::jsonb ->> 'action' = 'VIEW'",
                Integer.class)).as("one access record per health read").isEqualTo(2);
    }

    @Test
    void badHealthInputIsA400AndOnlyCliniciansRecordHealthData() {
        assertThat(clinician.put("/api/clients/" + clientId + "/health/IDENTIFICATION", "{\"text\":\"x\"}").status())
                .isEqualTo(400);
        assertThat(clinician.put("/api/clients/" + clientId + "/health/MOOD", "{\"text\":\"x\"}").json()
                .get("detail").asText()).startsWith("category:");
        assertThat(clinician.put("/api/clients/" + clientId + "/health/DIAGNOSIS", "{\"text\":\" \"}").json()
                .get("detail").asText()).startsWith("text:");
        assertThat(ApiClient.as("http://localhost:" + port, "mha.specialist")
                .put("/api/clients/" + clientId + "/health/DIAGNOSIS", "{\"text\":\"x\"}").status()).isEqualTo(403);
        assertThat(clinician.put("/api/clients/0b8d8f7e-4a55-4f4e-9d0b-9f7d7c3f2a11/health/DIAGNOSIS",
                "{\"text\":\"x\"}").status()).isEqualTo(404);
    }

    /** Domain events, not counting access records (which the relay writes asynchronously, about earlier steps). */
    private int count() {
        return jdbc.queryForObject("select count(*) from domain_event_entry where payload_type not like "
                + "'%AccessRecordedEvent'", Integer.class);
    }
}
