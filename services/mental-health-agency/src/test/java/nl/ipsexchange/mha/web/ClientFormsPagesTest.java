package nl.ipsexchange.mha.web;

import static java.util.Map.entry;
import static nl.ipsexchange.mha.web.ClientRecordPagesTest.between;
import static nl.ipsexchange.mha.web.ClientRecordPagesTest.links;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.mha.MentalHealthAgencyTest;
import nl.ipsexchange.mha.command.inforequest.InformationRequestCommands.ReceiveInformationRequestCommand;
import nl.ipsexchange.mha.query.trajectory.TrajectoryQueries.FindOpenTrajectoryOfClientQuery;
import nl.ipsexchange.mha.query.trajectory.TrajectoryView;
import nl.ipsexchange.mha.web.ClientRecordPagesTest.Browser;
import nl.ipsexchange.testsupport.ApiClient;
import nl.ipsexchange.testsupport.Await;
import nl.ipsexchange.testsupport.TestBsns;
import nl.ipsexchange.testsupport.TrackingTokens;

/**
 * The consents, trajectory and information request forms through the pages, as a browser sends them: the API's
 * request and rules check them, every problem is listed in the page's words with the input kept and nothing recorded
 * (as the API shows), an action that cannot be undone waits for its confirmation, and what was done is said.
 */
@MentalHealthAgencyTest
class ClientFormsPagesTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CommandGateway commands;

    @Autowired
    QueryGateway queries;

    @Autowired
    Clock clock;

    private ApiClient api;
    private Browser clinician;
    private String clientId;

    @BeforeEach
    void aRegisteredClient() {
        api = ApiClient.as("http://localhost:" + port, "mha.clinician");
        clientId = api.post("/api/clients", """
                {"name":"Fenna Formulier","bsn":"%s","dateOfBirth":"1988-08-08","benefit":"SOCIAL_ASSISTANCE",
                 "municipality":"Utrecht"}""".formatted(TestBsns.random())).json().get("clientId").asText();
        clinician = Browser.loggedIn(port, "mha.clinician");
    }

    /**
     * What the test stored is handled by every processor before the next test starts: a withholding or a disclosure
     * the relay records later would otherwise be counted by a later test as its own.
     */
    @AfterEach
    void everyProcessorHasHandledWhatTheTestStored() {
        Await.until(() -> {
            long newest = jdbc.queryForObject("select coalesce(max(global_index), -1) from domain_event_entry",
                    Long.class);
            List<String> tokens = jdbc.queryForList("select convert_from(token, 'UTF8') from token_entry "
                    + "where token is not null", String.class);
            return tokens.stream().allMatch(token -> TrackingTokens.passed(token, newest))
                    && newest == jdbc.queryForObject("select max(global_index) from domain_event_entry", Long.class);
        }, Duration.ofSeconds(60), "every processor has handled the test's events");
    }

    @Test
    void anIntakeBeyondTheApisLimitsIsRefusedWithItsWordsAndTheInputKeptAndNothingIsRecorded() {
        String trajectory = referred();

        HttpResponse<String> tooPrecise = clinician.post("/trajectories/" + trajectory + "/intake",
                Map.of("date", "", "hours", "0.001"));

        assertThat(tooPrecise.statusCode()).isEqualTo(400);
        assertThat(tooPrecise.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(links(summary(tooPrecise))).containsExactly(
                "#intake-date Enter the date of the consultation",
                "#intake-hours Hours must be at least 0.25");
        assertThat(tooPrecise.body()).contains("id=\"intake-hours\"", "value=\"0.001\"", "aria-invalid=\"true\"",
                "aria-describedby=\"intake-hours-error\"").doesNotContain("IntakeSessionRequest", "hours:");
        HttpResponse<String> tooMany = clinician.post("/trajectories/" + trajectory + "/intake",
                Map.of("date", today(), "hours", "123.456"));
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(links(summary(tooMany))).containsExactly("#intake-hours Hours must be at most 8");
        assertThat(tooMany.body()).contains("value=\"123.456\"");
        HttpResponse<String> comma = clinician.post("/trajectories/" + trajectory + "/intake",
                Map.of("date", "2026-02-30", "hours", "1,5"));
        assertThat(links(summary(comma))).containsExactly(
                "#intake-date Date of the consultation must be a real date, from 1900-01-01 to 2199-12-31",
                "#intake-hours Hours must be a number, with a point before any decimals");
        assertThat(trajectory(trajectory).get("intakeSessions").asInt()).isZero();

        HttpResponse<String> recorded = clinician.post("/trajectories/" + trajectory + "/intake",
                Map.of("date", today(), "hours", "1.50"));
        assertThat(recorded.statusCode()).isEqualTo(302);
        assertThat(message(clinician.get("/trajectories/" + trajectory)))
                .isEqualTo("Intake consultation 1 recorded: 1.5 hours.");
        assertThat(trajectory(trajectory).get("intakeSessions").asInt()).isEqualTo(1);
    }

    @Test
    void anEmployerContactAndAJobStartAreCheckedByTheApisRequestAndItsRulesOnThePage() {
        String trajectory = referred();
        String referredOn = trajectory(trajectory).get("referredOn").asText();

        HttpResponse<String> longName = clinician.post("/trajectories/" + trajectory + "/employer-contact",
                Map.of("date", today(), "employer", "E".repeat(5000)));

        assertThat(longName.statusCode()).isEqualTo(400);
        assertThat(links(summary(longName))).containsExactly(
                "#contact-employer Employer must be at most 200 characters");
        assertThat(longName.body()).contains("value=\"" + "E".repeat(5000) + "\"");
        // the aggregate's rule, after the request's constraints: in the form's words, at its field
        HttpResponse<String> early = clinician.post("/trajectories/" + trajectory + "/employer-contact",
                Map.of("date", LocalDate.parse(referredOn).minusDays(1).toString(), "employer", "Bakkerij Zon"));
        assertThat(early.statusCode()).isEqualTo(400);
        assertThat(links(summary(early))).containsExactly(
                "#contact-date Date of the contact must not be before the referral (" + referredOn + ")");
        assertThat(early.body()).contains("value=\"Bakkerij Zon\"");
        assertThat(trajectory(trajectory).hasNonNull("firstEmployerContact")).isFalse();

        HttpResponse<String> wage = clinician.post("/trajectories/" + trajectory + "/placement", Map.of(
                "startDate", today(), "employer", "Fietsenmaker Jansen", "jobTitle", "",
                "hoursPerWeek", "0", "monthlyGrossWage", "123456789012.345", "competitive", "true"));
        assertThat(wage.statusCode()).isEqualTo(400);
        assertThat(links(summary(wage))).containsExactly(
                "#placement-jobTitle Enter the job title",
                "#placement-hoursPerWeek Hours a week must be at least 0.5",
                "#placement-monthlyGrossWage Gross monthly wage (€) must be euro, at most 9999999.99, with at most "
                        + "2 decimals");
        assertThat(wage.body()).contains("value=\"Fietsenmaker Jansen\"", "value=\"123456789012.345\"");
        assertThat(trajectory(trajectory).get("placements")).isEmpty();

        assertThat(clinician.post("/trajectories/" + trajectory + "/placement", Map.of("startDate", today(),
                "employer", "Fietsenmaker Jansen", "jobTitle", "bicycle mechanic", "hoursPerWeek", "16",
                "monthlyGrossWage", "1450", "competitive", "true")).statusCode()).isEqualTo(302);
        assertThat(message(clinician.get("/trajectories/" + trajectory))).isEqualTo("Job start recorded: "
                + "bicycle mechanic at Fietsenmaker Jansen from " + today() + ", 16 hours a week, € 1,450.00 gross "
                + "a month.");
        String placement = trajectory(trajectory).get("placements").get(0).get("placementId").asText();
        HttpResponse<String> endEarly = clinician.post("/trajectories/" + trajectory + "/placements/" + placement
                + "/end", Map.of("endDate", LocalDate.parse(today()).minusDays(1).toString(), "reason", "moved"));
        assertThat(endEarly.statusCode()).isEqualTo(400);
        assertThat(links(summary(endEarly))).containsExactly("#end-" + placement
                + "-endDate End date must not be before the placement's start date");
        assertThat(endEarly.body()).contains("value=\"moved\"");
        assertThat(trajectory(trajectory).get("placements").get(0).hasNonNull("endDate")).isFalse();
    }

    @Test
    void aTrajectoryIsClosedOnlyAfterTheConfirmationThatSaysWhatWillHappen() {
        String trajectory = referred();

        HttpResponse<String> notADate = clinician.post("/trajectories/" + trajectory + "/close",
                Map.of("date", "2026-13-01", "reason", "moved away", "confirmed", "yes"));
        assertThat(notADate.statusCode()).isEqualTo(400);
        assertThat(links(summary(notADate))).containsExactly(
                "#close-date Close on must be a real date, from 1900-01-01 to 2199-12-31");
        assertThat(notADate.body()).contains("value=\"moved away\"");

        HttpResponse<String> asked = clinician.post("/trajectories/" + trajectory + "/close",
                Map.of("date", today(), "reason", "moved away"));

        assertThat(asked.statusCode()).isEqualTo(200);
        assertThat(asked.body()).contains("<h1>Close this IPS trajectory?</h1>", "No further step can be recorded",
                "cannot be undone", "name=\"date\" value=\"" + today() + "\"", "name=\"reason\" value=\"moved away\"",
                "name=\"confirmed\" value=\"yes\"", "href=\"/trajectories/" + trajectory + "\"");
        assertThat(trajectory(trajectory).hasNonNull("closedOn")).isFalse();

        HttpResponse<String> closed = clinician.post("/trajectories/" + trajectory + "/close",
                Map.of("date", today(), "reason", "moved away", "confirmed", "yes"));
        assertThat(closed.statusCode()).isEqualTo(302);
        assertThat(message(clinician.get("/trajectories/" + trajectory)))
                .isEqualTo("Trajectory closed on " + today() + ".");
        assertThat(trajectory(trajectory).get("closedOn").asText()).isEqualTo(today());
    }

    @Test
    void aConsentFormListsEveryProblemInWordsAndARevocationWaitsForItsConfirmation() {
        HttpResponse<String> empty = clinician.post("/clients/" + clientId + "/consents",
                Map.of("validFrom", today(), "validUntil", ""));

        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(links(summary(empty))).containsExactly(
                "#give-recipients Choose at least one agency to share with",
                "#give-categories Choose at least one kind of information to share",
                "#give-purposes Choose at least one purpose",
                "#give-validUntil Enter the valid until");
        String until = LocalDate.parse(today()).minusDays(1).toString();
        HttpResponse<String> backwards = clinician.post("/clients/" + clientId + "/consents", List.of(
                entry("recipients", "BENEFITS"), entry("recipients", "MUNICIPALITY"),
                entry("categories", "IDENTIFICATION"), entry("purposes", "FUNDING_DECISION"),
                entry("validFrom", today()), entry("validUntil", until)));
        assertThat(backwards.statusCode()).isEqualTo(400);
        assertThat(links(summary(backwards))).containsExactly(
                "#give-validUntil Valid until must not be before valid from");
        assertThat(backwards.body()).contains("value=\"" + until + "\"")
                .containsPattern("value=\"MUNICIPALITY\"[^>]*checked").doesNotContain("validUntil:");
        assertThat(api.get("/api/clients/" + clientId + "/consents").json()).isEmpty();

        HttpResponse<String> given = clinician.post("/clients/" + clientId + "/consents", List.of(
                entry("recipients", "BENEFITS"), entry("categories", "IDENTIFICATION"),
                entry("purposes", "FUNDING_DECISION"), entry("validFrom", today()),
                entry("validUntil", LocalDate.parse(today()).plusMonths(6).toString())));
        assertThat(given.statusCode()).isEqualTo(302);
        HttpResponse<String> page = clinician.get("/clients/" + clientId + "/consents");
        assertThat(message(page)).startsWith("Consent recorded: identity shared with the benefits agency for "
                + "funding decision, from " + today());
        String consent = api.get("/api/clients/" + clientId + "/consents").json().get(0).get("consentId").asText();
        String revoke = "/clients/" + clientId + "/consents/" + consent + "/revoke";

        HttpResponse<String> asked = clinician.post(revoke, Map.of());
        assertThat(asked.statusCode()).isEqualTo(200);
        assertThat(asked.body()).contains("<h1>Revoke this consent?</h1>", "The benefits agency will stop showing",
                "cannot be undone", "id=\"revoke-reason\"", "name=\"confirmed\" value=\"yes\"");
        HttpResponse<String> longReason = clinician.post(revoke, Map.of("reason", "R".repeat(501),
                "confirmed", "yes"));
        assertThat(longReason.statusCode()).isEqualTo(400);
        assertThat(links(summary(longReason))).containsExactly("#revoke-reason Reason must be at most 500 characters");
        assertThat(longReason.body()).contains("value=\"" + "R".repeat(501) + "\"");
        assertThat(status(consent)).isEqualTo("ACTIVE");

        HttpResponse<String> revoked = clinician.post(revoke, Map.of("reason", "the client asked",
                "confirmed", "yes"));
        assertThat(revoked.statusCode()).isEqualTo(302);
        assertThat(message(clinician.get("/clients/" + clientId + "/consents"))).isEqualTo("Consent revoked. "
                + "The benefits agency will stop showing what was shared under it and erase it.");
        assertThat(status(consent)).isEqualTo("REVOKED");
        HttpResponse<String> again = clinician.post(revoke, Map.of("confirmed", "yes"));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(links(summary(again))).containsExactly(
                "#consents This consent has already ended: there is nothing to revoke");
    }

    @Test
    void aReferralWithoutTheClientsWishToWorkIsRefusedInWordsWithTheInputKept() {
        HttpResponse<String> refused = clinician.post("/clients/" + clientId + "/referral",
                Map.of("jobPreferences", "gardener", "team", "IPS team Utrecht"));

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(links(summary(refused))).containsExactly("#referral-wishesToWork The client wants competitive "
                + "work: a referral needs the client's own wish to work (zero exclusion, no readiness test)");
        assertThat(refused.body()).contains("value=\"gardener\"");
        assertThat(openTrajectory()).isFalse();

        HttpResponse<String> referred = clinician.post("/clients/" + clientId + "/referral",
                Map.of("wishesToWork", "true", "jobPreferences", "gardener", "team", "IPS team Utrecht"));
        assertThat(referred.statusCode()).isEqualTo(302);
        String path = referred.headers().firstValue("Location").orElseThrow().replaceAll("^https?://[^/]+", "");
        assertThat(message(clinician.get(path))).isEqualTo("Referred to IPS team Utrecht.");
    }

    @Test
    void anAnswerToAnInformationRequestIsSentOnlyAfterItsConfirmationAndARuleRefusalKeepsTheInput() {
        String requestId = UUID.randomUUID().toString();
        commands.sendAndWait(new ReceiveInformationRequestCommand(requestId, clientId, Agency.BENEFITS,
                "benefits.physician", "INSURANCE_PHYSICIAN", Set.of(DataCategory.HEALTH_SUMMARY),
                Purpose.FUNDING_DECISION, Instant.now(), true));
        Await.until(() -> pending(requestId), Duration.ofSeconds(30), "the request awaits a clinician");
        String decision = "/information-requests/" + requestId + "/decision";
        String row = "request-" + requestId;

        HttpResponse<String> longNote = clinician.post(decision, Map.of("outcome", "DENIED",
                "reasonCode", "CLIENT_OBJECTS", "reason", "N".repeat(501)));
        assertThat(longNote.statusCode()).isEqualTo(400);
        assertThat(links(summary(longNote))).containsExactly("#" + row + "-reason Your note must be at most 500 "
                + "characters");
        // the aggregate's rule, once confirmed: a denial needs the clinician's note
        HttpResponse<String> noNote = clinician.post(decision, Map.of("outcome", "DENIED",
                "reasonCode", "CLIENT_OBJECTS", "reason", "", "confirmed", "yes"));
        assertThat(noNote.statusCode()).isEqualTo(400);
        assertThat(links(summary(noNote))).containsExactly("#" + row + "-reason Your note is required");
        assertThat(noNote.body()).containsPattern("value=\"DENIED\"[^>]*selected")
                .containsPattern("value=\"CLIENT_OBJECTS\"[^>]*selected");
        assertThat(pending(requestId)).isTrue();

        HttpResponse<String> asked = clinician.post(decision, List.of(entry("outcome", "GRANTED"),
                entry("categories", "HEALTH_SUMMARY"), entry("reasonCode", ""), entry("reason", "")));
        assertThat(asked.statusCode()).isEqualTo(200);
        assertThat(asked.body()).contains("<h1>Send this answer to the benefits agency?</h1>",
                "grant: health summary", "cannot be changed", "name=\"categories\" value=\"HEALTH_SUMMARY\"");
        assertThat(pending(requestId)).isTrue();

        HttpResponse<String> sent = clinician.post(decision, List.of(entry("outcome", "GRANTED"),
                entry("categories", "HEALTH_SUMMARY"), entry("reasonCode", ""), entry("reason", ""),
                entry("confirmed", "yes")));
        assertThat(sent.statusCode()).isEqualTo(302);
        assertThat(message(clinician.get("/information-requests"))).isEqualTo("Answer sent to the benefits agency: "
                + "consent required (the client's consent does not cover what you granted, so nothing was sent).");
        assertThat(pending(requestId)).isFalse();
        assertThat(clinician.get("/information-requests").body()).contains(" Note: the client&#39;s consent does not "
                + "cover health summary for the benefits agency and funding decision");
    }

    private String referred() {
        return api.post("/api/referrals", "{\"clientId\":\"" + clientId + "\",\"wishesToWork\":true,"
                + "\"jobPreferences\":\"baker\",\"team\":\"IPS team Utrecht\"}").json().get("trajectoryId").asText();
    }

    private JsonNode trajectory(String trajectoryId) {
        return api.get("/api/trajectories/" + trajectoryId).json();
    }

    private String status(String consentId) {
        for (JsonNode consent : api.get("/api/clients/" + clientId + "/consents").json()) {
            if (consent.get("consentId").asText().equals(consentId)) {
                return consent.get("status").asText();
            }
        }
        throw new AssertionError("no consent " + consentId);
    }

    private boolean pending(String requestId) {
        for (JsonNode request : api.get("/api/information-requests").json()) {
            if (request.get("requestId").asText().equals(requestId)) {
                return true;
            }
        }
        return false;
    }

    /** The service's today, the day its forms offer. */
    private String today() {
        return LocalDate.now(clock).toString();
    }

    private boolean openTrajectory() {
        return queries.query(new FindOpenTrajectoryOfClientQuery(clientId),
                ResponseTypes.optionalInstanceOf(TrajectoryView.class)).join().isPresent();
    }

    private static String summary(HttpResponse<String> page) {
        return between(page.body(), "id=\"error-summary\"", "</div>");
    }

    /** The confirmation message at the top of a page, as shown. */
    private static String message(HttpResponse<String> page) {
        return between(page.body(), "id=\"message\"", "</div>").replaceAll("(?s).*<p>", "").replace("</p>", "")
                .replace("&#39;", "'").strip();
    }
}
