package nl.ipsexchange.status;

import static nl.ipsexchange.status.StatusWebApplication.CLINICIAN;
import static nl.ipsexchange.status.StatusWebApplication.DIRECTOR;
import static nl.ipsexchange.status.StatusWebApplication.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.messaging.EnvelopeCodec;
import nl.ipsexchange.kernel.messaging.EventEnvelope;
import nl.ipsexchange.kernel.messaging.IntegrationEvent;
import nl.ipsexchange.kernel.status.ClientRegisteredStatusEvent;
import nl.ipsexchange.kernel.status.TrajectoryStepStatusEvent;
import nl.ipsexchange.platform.WebClient;

/**
 * The status API and page with the default minimum count (k = 5) on a real Tomcat and database (ADR 53): five clients
 * registered and referred in the last quarter of 2025 are shown as 5, four in the first quarter of 2026 (the current
 * one) as fewer than 5, with what would give them away; only quarters are asked for.
 */
@SpringBootTest(classes = StatusWebApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.profiles.active=demo", "ips.service.name=status-test"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatusApiTest {

    private static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    private final ObjectMapper json = new ObjectMapper();
    private final EnvelopeCodec codec = new EnvelopeCodec();

    @LocalServerPort
    private int port;
    @Autowired
    private StatusEventRecorder recorder;
    @Autowired
    private PlatformTransactionManager transactions;

    @BeforeAll
    void fiveClientsInTheLastQuarterOf2025AndFourInTheFirstOf2026() {
        List<EventEnvelope> events = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            LocalDate day = i < 5 ? LocalDate.of(2025, 11, 3 + i) : LocalDate.of(2026, 1, 5 + i);
            events.add(wrap(new ClientRegisteredStatusEvent("client-" + i, Agency.MENTAL_HEALTH, day), day));
            events.add(wrap(new TrajectoryStepStatusEvent("trajectory-" + i, TrajectoryStepStatusEvent.Step.REFERRED,
                    day, null, null, null, "s1"), day));
        }
        new TransactionTemplate(transactions).executeWithoutResult(status -> recorder.recordAll(events));
    }

    @Test
    void aFourIsShownAsFewerThanFiveAndAFiveAsItIs() throws Exception {
        JsonNode five = measures("?quarter=2025-Q4");
        assertThat(five.get("referrals").asLong()).isEqualTo(5);
        assertThat(five.get("participants").asLong()).isEqualTo(5);
        assertThat(five.get("suppressed")).isEmpty();
        assertThat(five.get("provisional").asBoolean()).isFalse();

        String document = get("/api/status/measures?quarter=2026-Q1").body();
        JsonNode four = json.readTree(document);
        assertThat(document).as("suppressed values are there, as null").contains("\"referrals\":null");
        assertThat(four.get("quarter").asText()).isEqualTo("2026-Q1");
        assertThat(four.get("minimumCount").asInt()).isEqualTo(5);
        assertThat(four.get("fewerThanMinimum")).extracting(JsonNode::asText).containsExactly("referrals");
        // the participants less the five open at the quarter's start (last quarter's caseload) would be the four, and
        // so would the nine open at its end less those five (none closed)
        assertThat(four.get("participants").isNull()).isTrue();
        assertThat(four.at("/caseloads/0/openTrajectories").isNull()).isTrue();
        assertThat(four.get("suppressed")).extracting(JsonNode::asText).containsExactly("referrals", "participants",
                "shareInCompetitiveWork", "benchmark", "caseloads[0].openTrajectories", "caseloads[0].withinTwenty");
    }

    @Test
    void withoutAQuarterTheCurrentOneIsShownAndSaidToBeProvisional() throws Exception {
        JsonNode current = measures("");

        assertThat(current.get("quarter").asText()).isEqualTo("2026-Q1");
        assertThat(current.get("provisional").asBoolean()).isTrue();
        assertThat(current.get("from").asText()).isEqualTo("2026-01-01");
        assertThat(current.get("to").asText()).isEqualTo("2026-03-31");
    }

    @Test
    void aQuartersFirstAndLastDayStillAskForIt() throws Exception {
        assertThat(measures("?from=2025-10-01&to=2025-12-31").get("quarter").asText()).isEqualTo("2025-Q4");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"/api/status/measures?quarter=2026-Q5, quarter", "/api/status?quarter=Q1-MARKER, quarter",
            "/api/status/measures?from=2026-01-01&to=2026-06-30, to", "/api/status?from=2026-01-02&to=2026-03-31, from",
            "/api/status/measures?from=2026-01-01, to", "/api/status/measures?quarter=2026-Q1&from=2026-01-01, quarter",
            "/api/status?from=2026-02-30&to=2026-03-31, from"})
    void anythingButAQuarterIsAProblemNamingTheField(String path, String field) throws Exception {
        HttpResponse<String> refused = get(path);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(json.readTree(refused.body()).get("errors")).extracting(error -> error.get("field").asText())
                .containsExactly(field);
        assertThat(refused.body()).doesNotContain("MARKER").doesNotContain("2026-Q5");
    }

    @Test
    void theCountsByTypeAreSuppressedAsTheMeasuresAre() throws Exception {
        JsonNode five = json.readTree(get("/api/status?quarter=2025-Q4").body());
        assertThat(five.at("/eventCounts/ClientRegistered").asLong()).isEqualTo(5);
        assertThat(five.get("total").asLong()).isEqualTo(10);

        String document = get("/api/status?quarter=2026-Q1").body();
        JsonNode four = json.readTree(document);
        assertThat(document).contains("\"ClientRegistered\":null", "\"TrajectoryStep\":null");
        assertThat(four.get("fewerThanMinimum")).extracting(JsonNode::asText)
                .containsExactly("eventCounts.ClientRegistered", "eventCounts.TrajectoryStep");
        assertThat(four.get("total").isNull()).as("4 + 4 = 8: both would be 4").isTrue();
    }

    @Test
    void thePageShowsFewerThanFiveAndStatesTheRule() {
        WebClient browser = loggedIn();

        HttpResponse<String> page = browse(browser, "/status?quarter=2026-Q1");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<td>fewer than 5</td>", "A count of clients from 1 to <span>4</span>",
                "its figures are provisional").contains("value=\"2026-Q1\"")
                .contains("href=\"/status?quarter=2025-Q4\"");
        assertThat(browse(browser, "/status?quarter=2025-Q4").body())
                .containsPattern("<th scope=\"row\">Referrals</th><td>5</td>");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"quarter=2026-Q9, quarter, value=\"2026-Q9\"", "from=2026-01-01&to=2026-02-28, to, value=\"2026-02-28\"",
            "from=01-01-2026&to=2026-03-31, from, value=\"01-01-2026\""})
    void aPeriodThatIsNotAQuarterIsThePageAgainWithTheProblemAndTheInputKept(String query, String field,
                                                                            String kept) {
        HttpResponse<String> page = browse(loggedIn(), "/status?" + query);

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("There is a problem", "<strong>" + field + "</strong>", kept)
                .doesNotContain("id=\"measures\"");
    }

    @Test
    void aClinicianMayNotReadTheStatus() {
        assertThat(new WebClient(port, "198.51.100.61").get("/api/status/measures", CLINICIAN, PASSWORD)
                .statusCode()).isEqualTo(403);
    }

    private JsonNode measures(String query) throws Exception {
        HttpResponse<String> answer = get("/api/status/measures" + query);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return json.readTree(answer.body());
    }

    private HttpResponse<String> get(String path) {
        return new WebClient(port, "198.51.100.60").get(path, DIRECTOR, PASSWORD);
    }

    private WebClient loggedIn() {
        WebClient browser = new WebClient(port, "198.51.100.62");
        assertThat(browser.logIn(DIRECTOR, PASSWORD).statusCode()).isEqualTo(302);
        return browser;
    }

    private static HttpResponse<String> browse(WebClient browser, String path) {
        return browser.send(browser.request(path).header("Accept", BROWSER).GET());
    }

    /** Occurred at noon (UTC) of its day. */
    private EventEnvelope wrap(IntegrationEvent event, LocalDate day) {
        return codec.wrap(UUID.randomUUID(), Agency.MENTAL_HEALTH, day.atTime(12, 0).toInstant(ZoneOffset.UTC), null,
                event);
    }
}
