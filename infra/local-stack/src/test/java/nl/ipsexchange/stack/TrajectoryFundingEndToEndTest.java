package nl.ipsexchange.stack;

import static nl.ipsexchange.stack.FiveServices.await;
import static nl.ipsexchange.stack.ServiceDefinition.AUDIT;
import static nl.ipsexchange.stack.ServiceDefinition.BENEFITS_AGENCY;
import static nl.ipsexchange.stack.ServiceDefinition.INSURER;
import static nl.ipsexchange.stack.ServiceDefinition.MENTAL_HEALTH_AGENCY;
import static nl.ipsexchange.stack.ServiceDefinition.MUNICIPALITY;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.Topics;
import nl.ipsexchange.kernel.consent.ConsentTerms;
import nl.ipsexchange.kernel.fidelity.FidelityItem;
import nl.ipsexchange.kernel.messaging.EnvelopeCodec;
import nl.ipsexchange.kernel.messaging.EventEnvelope;
import nl.ipsexchange.platform.crypto.StatusPseudonyms;
import nl.ipsexchange.testsupport.ApiClient;
import nl.ipsexchange.testsupport.TestBsns;
import nl.ipsexchange.testsupport.TopicReader;

/**
 * One social-assistance client and one disability client from referral to a placement bonus, through the HTTP API
 * of the running services; each funder's and the insurer's payment schedule checked line by line. Dates are the
 * effective dates users give, so the schedule's past dates fall due at once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrajectoryFundingEndToEndTest {

    private static final LocalDate TODAY = LocalDate.now(ConsentTerms.ZONE);
    private static final LocalDate REFERRED = TODAY.minusMonths(5);
    private static final LocalDate START = TODAY.minusMonths(4);
    private static final LocalDate JOB_START = TODAY.minusMonths(3);

    private final FiveServices services = new FiveServices();
    private final ApiClient clinician = services.as(MENTAL_HEALTH_AGENCY, "mha.clinician");

    @AfterAll
    void stop() {
        services.close();
    }

    @Test
    void aSocialAssistanceClientAndADisabilityClientGoFromReferralToAPlacementBonus() throws Exception {
        recordFidelityReview("IPS team Utrecht", TODAY.minusMonths(1), 4);   // GOOD, but of another team
        recordFidelityReview(TODAY.minusMonths(8), 2);   // NOT_IPS: 50
        String municipal = trajectory("111222333", "SOCIAL_ASSISTANCE", "MUNICIPALITY");
        String disability = trajectory("123456782", "DISABILITY", "BENEFITS");

        ApiClient caseManager = services.as(MUNICIPALITY, "municipality.case-manager");
        awaitApplication(caseManager, municipal);
        ApiClient.Response refused = caseManager.post("/api/funding-applications/" + municipal + "/approve",
                "{\"startDate\":\"" + START + "\"}");
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.json().get("detail").asText()).contains("NOT_IPS", "FAIR or better")
                .contains("IPS team Zuid");

        recordFidelityReview(TODAY.minusMonths(6), 3);   // FAIR: 75, more recent
        await(() -> services.count(MUNICIPALITY, "select count(*) from fidelity_register") == 3
                && services.count(BENEFITS_AGENCY, "select count(*) from fidelity_register") == 3,
                "both funders know the newer review");
        assertThat(caseManager.post("/api/funding-applications/" + municipal + "/approve",
                "{\"startDate\":\"" + START + "\"}").status()).isEqualTo(200);
        ApiClient labourExpert = services.as(BENEFITS_AGENCY, "benefits.labour-expert");
        awaitApplication(labourExpert, disability);
        assertThat(labourExpert.post("/api/funding-applications/" + disability + "/approve",
                "{\"startDate\":\"" + START + "\"}").status()).isEqualTo(200);

        for (String trajectory : List.of(municipal, disability)) {
            assertThat(clinician.post("/api/trajectories/" + trajectory + "/employer-contacts",
                    "{\"date\":\"" + START.plusDays(10) + "\",\"employer\":\"Hoveniersbedrijf Groen\"}").status())
                    .isEqualTo(201);
            assertThat(clinician.post("/api/trajectories/" + trajectory + "/placements", """
                    {"employer":"Hoveniersbedrijf Groen","jobTitle":"gardener","competitive":true,"hoursPerWeek":20,
                     "monthlyGrossWage":1500.00,"startDate":"%s"}""".formatted(JOB_START)).status()).isEqualTo(201);
        }
        assertThat(clinician.post("/api/trajectories/" + disability + "/job-coaching",
                "{\"date\":\"" + JOB_START.plusDays(14) + "\",\"hours\":2}").status()).isEqualTo(201);

        expectPayments(caseManager, municipal, List.of(
                line("START", "900.00", START, "DUE"),
                line("PLACEMENT_BONUS", "1800.00", JOB_START.plusMonths(1), "DUE"),
                line("THREE_MONTHS", "900.00", START.plusMonths(3), "DUE"),
                line("FINAL", "900.00", START.plusMonths(18), "SCHEDULED")));
        expectPayments(labourExpert, disability, List.of(
                line("START", "2420.00", START, "DUE"),
                line("JOB_COACHING", "125.00", JOB_START.plusDays(14), "DUE"),
                line("PLACEMENT_BONUS", "1210.00", JOB_START.plusMonths(2), "DUE"),
                line("FINAL", "2420.00", START.plusMonths(36), "SCHEDULED")));
        // each funder's decision and every line reach the mental health agency: the municipality's approval after
        // its refusal (the later one counts), with its start date; each line with its status (ADR 46)
        JsonNode funded = expectFundingAtTheMentalHealthAgency(municipal, "MUNICIPALITY", List.of(
                line("START", "900.00", START, "DUE"),
                line("PLACEMENT_BONUS", "1800.00", JOB_START.plusMonths(1), "DUE"),
                line("THREE_MONTHS", "900.00", START.plusMonths(3), "DUE"),
                line("FINAL", "900.00", START.plusMonths(18), "SCHEDULED")));
        expectFundingAtTheMentalHealthAgency(disability, "BENEFITS", List.of(
                line("START", "2420.00", START, "DUE"),
                line("JOB_COACHING", "125.00", JOB_START.plusDays(14), "DUE"),
                line("PLACEMENT_BONUS", "1210.00", JOB_START.plusMonths(2), "DUE"),
                line("FINAL", "2420.00", START.plusMonths(36), "SCHEDULED")));
        PageSession specialist = PageSession.loggedIn(services.baseUrl(MENTAL_HEALTH_AGENCY), "mha.specialist");
        assertThat(specialist.get("/trajectories/" + municipal).body())
                .contains("funded from " + START + " by MUNICIPALITY", "PLACEMENT_BONUS", "1800.00")
                .doesNotContain("applied for at");
        assertThat(specialist.get("/clients/" + funded.get("clientId").asText() + "/consents").body())
                .as("the client's page").contains("funded from " + START + " by MUNICIPALITY");

        ApiClient insurer = services.as(INSURER, "insurer.adviser");
        for (String trajectory : List.of(municipal, disability)) {
            expectPayments(insurer, trajectory, List.of(
                    line("INTAKE", "142.50", REFERRED.plusDays(1), "DUE"),
                    line("INTAKE", "190.00", REFERRED.plusDays(2), "DUE")));
        }
        assertThat(services.as(BENEFITS_AGENCY, "benefits.labour-expert").get("/api/trajectories/" + municipal
                + "/payments").json()).as("the benefits agency does not fund the municipality's client").isEmpty();

        // every step is also de-identified status for every agency's decision makers
        // (the topic holds other tests' events too: count this test's two trajectories only, by each sender's
        // pseudonym of them, ADR 36)
        String approvals = "payload->>'trajectoryPseudonym' in ('" + pseudonym(MUNICIPALITY, municipal) + "', '"
                + pseudonym(BENEFITS_AGENCY, disability) + "')";
        String placements = "payload->>'trajectoryPseudonym' in ('" + pseudonym(MENTAL_HEALTH_AGENCY, municipal)
                + "', '" + pseudonym(MENTAL_HEALTH_AGENCY, disability) + "')";
        await(() -> services.count(MENTAL_HEALTH_AGENCY, "select count(*) from status_event where event_type = "
                + "'FundingStep' and payload->>'step' = 'APPROVED' and " + approvals) == 2
                && services.count(MENTAL_HEALTH_AGENCY, "select count(*) from status_event where event_type = "
                + "'TrajectoryStep' and payload->>'step' = 'PLACEMENT_STARTED' and payload->>'competitive' = 'true'"
                + " and " + placements) == 2, "the decision makers see both approvals and both competitive placements");
        assertThat(services.rows(MENTAL_HEALTH_AGENCY, "select payload::text from status_event where payload::text ~ "
                + "'(Hoveniersbedrijf|gardener|1500\\.00|\"monthlyGrossWage\"|Houten|Client |outdoor work)'"))
                .as("status is de-identified").isEmpty();

        // every message delivered again (a new consumer group re-reads the inbox from the start): no line is added
        long lines = services.count(MUNICIPALITY, "select count(*) from payment_line");
        long handled = services.count(MUNICIPALITY, "select count(*) from processed_message");
        services.stop(MUNICIPALITY);
        services.start(MUNICIPALITY, "-redelivery");
        await(() -> duplicatesSkipped(MUNICIPALITY) >= handled, "the municipality saw every message again");
        assertThat(services.count(MUNICIPALITY, "select count(*) from payment_line")).isEqualTo(lines);
        expectPayments(services.as(MUNICIPALITY, "municipality.case-manager"), municipal, List.of(
                line("START", "900.00", START, "DUE"),
                line("PLACEMENT_BONUS", "1800.00", JOB_START.plusMonths(1), "DUE"),
                line("THREE_MONTHS", "900.00", START.plusMonths(3), "DUE"),
                line("FINAL", "900.00", START.plusMonths(18), "SCHEDULED")));

        // the municipality pays START, the trajectory closes today: the final falls due at the close; both sides
        // show the payment and their statements of the period agree (ADR 0047)
        ApiClient payer = services.as(MUNICIPALITY, "municipality.case-manager");
        String startLine = payer.get("/api/trajectories/" + municipal + "/payments").json().get(0).get("lineId")
                .asText();
        ApiClient.Response paid = payer.post("/api/funding-applications/" + municipal + "/payments",
                "{\"lineId\":\"" + startLine + "\",\"paidOn\":\"" + START.plusDays(3) + "\",\"reference\":\"BV-77\"}");
        assertThat(paid.status()).as(paid.body()).isEqualTo(200);
        assertThat(clinician.post("/api/trajectories/" + municipal + "/close",
                "{\"date\":\"" + TODAY + "\",\"reason\":\"working independently\"}").status()).isEqualTo(200);
        List<Line> settled = List.of(
                line("START", "900.00", START, "PAID"),
                line("PLACEMENT_BONUS", "1800.00", JOB_START.plusMonths(1), "DUE"),
                line("THREE_MONTHS", "900.00", START.plusMonths(3), "DUE"),
                line("FINAL", "900.00", TODAY, "DUE"));
        expectPayments(payer, municipal, settled);
        expectFundingAtTheMentalHealthAgency(municipal, "MUNICIPALITY", settled);
        String period = "/api/payment-statement?from=" + START + "&to=" + TODAY;
        JsonNode atTheFunder = statementLine(payer.get(period).json(), municipal);
        JsonNode atTheAgency = statementLine(clinician.get(period).json(), municipal);
        for (JsonNode statement : List.of(atTheFunder, atTheAgency)) {
            assertThat(statement.get("owed").decimalValue()).isEqualByComparingTo("4500");
            assertThat(statement.get("paid").decimalValue()).isEqualByComparingTo("900");
            assertThat(statement.get("outstanding").decimalValue()).isEqualByComparingTo("3600");
        }
    }

    /** The trajectory's line of a statement. */
    private static JsonNode statementLine(JsonNode statement, String trajectory) {
        for (JsonNode line : statement.get("trajectories")) {
            if (trajectory.equals(line.get("trajectoryId").asText())) {
                return line;
            }
        }
        throw new AssertionError("the statement has no line for " + trajectory + ": " + statement);
    }

    @Test
    void aRejectionReachesTheMentalHealthAgencyWithItsCodeAndTheFundersWordsStayAtTheFunder() {
        String trajectory = trajectory(TestBsns.random(), "SOCIAL_ASSISTANCE", "MUNICIPALITY");
        ApiClient caseManager = services.as(MUNICIPALITY, "municipality.case-manager");
        awaitApplication(caseManager, trajectory);
        String words = "moved away, words of the case manager " + UUID.randomUUID();
        ApiClient.Response rejected = caseManager.post("/api/funding-applications/" + trajectory + "/reject",
                "{\"reason\":\"" + words + "\"}");
        assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);

        await(() -> "REJECTED".equals(clinician.get("/api/trajectories/" + trajectory).json().path("fundingStatus")
                .asText()), "the mental health agency hears of the rejection");
        JsonNode shown = clinician.get("/api/trajectories/" + trajectory).json();
        assertThat(shown.get("fundingDecision").get("funder").asText()).isEqualTo("MUNICIPALITY");
        assertThat(shown.get("fundingDecision").get("decision").asText()).isEqualTo("REJECTED");
        assertThat(shown.get("fundingDecision").get("reasonCode").asText()).isEqualTo("REJECTED_BY_FUNDER");
        assertThat(shown.get("fundingDecision").get("decidedOn").asText()).isEqualTo(TODAY.toString());
        assertThat(shown.get("paymentLines")).isEmpty();
        assertThat(shown.get("appliedOn").asText()).isEqualTo(TODAY.toString());
        assertThat(services.tablesContaining(MENTAL_HEALTH_AGENCY, words)).as("the words stay at the funder")
                .isEmpty();
        // on the broker: the decision went to the mental health agency's inbox under the trajectory, with its code;
        // the words are on no topic
        List<EventEnvelope> decisions = new ArrayList<>();
        for (String topic : Topics.all()) {
            for (ConsumerRecord<String, byte[]> record : TopicReader.readToEnd(services.kafkaAdmin(), topic,
                    new StringDeserializer(), new ByteArrayDeserializer(), Duration.ofSeconds(60))) {
                assertThat(new String(record.value(), StandardCharsets.UTF_8)).as(topic).doesNotContain(words);
                if (topic.equals(Topics.inbox(Agency.MENTAL_HEALTH)) && trajectory.equals(record.key())) {
                    decisions.add(new EnvelopeCodec().decode(record.value()));
                }
            }
        }
        // one decision (a relay batch sent again would repeat it under the same event id)
        assertThat(decisions).extracting(EventEnvelope::eventId).isNotEmpty().containsOnly(decisions.get(0).eventId());
        assertThat(decisions).allSatisfy(decided -> {
            assertThat(decided.type()).isEqualTo("FundingDecided");
            assertThat(decided.sourceAgency()).isEqualTo(Agency.MUNICIPALITY);
            assertThat(decided.payload().get("reason").asText()).isEqualTo("REJECTED_BY_FUNDER");
        });
        PageSession specialist = PageSession.loggedIn(services.baseUrl(MENTAL_HEALTH_AGENCY), "mha.specialist");
        for (String page : List.of("/trajectories/" + trajectory,
                "/clients/" + shown.get("clientId").asText() + "/consents")) {
            assertThat(specialist.get(page).body()).as(page).contains("funding rejected by MUNICIPALITY")
                    .doesNotContain(words);
        }
    }

    /**
     * One set of minutes (ADR 49): the municipality's "qualifies for funding" reaches the mental health agency (its
     * note does not) and is shown with the application; the specialist's action reaches the municipality, whose
     * client consented to case review, and not the benefits agency, for which no consent covers it (the gate records
     * the withholding), and each showing of it there is a read in the audit trail; the municipality's own action
     * reaches the mental health agency's minutes sealed, its words on no topic in the clear (ADR 51); a decision about
     * a case not on the agenda is refused; after the revocation the municipality shows no shared minutes any more and
     * receives no new ones.
     */
    @Test
    void aMeetingDecisionReachesTheConsentedAgencyOnlyUntilTheConsentIsRevoked() {
        String client = client(TestBsns.random(), "SOCIAL_ASSISTANCE");
        ApiClient.Response consented = clinician.post("/api/clients/" + client + "/consents", """
                {"recipients":["MUNICIPALITY"],"categories":["IDENTIFICATION","BENEFITS","EMPLOYMENT"],
                 "purposes":["FUNDING_DECISION","CASE_REVIEW"],"validFrom":"%s","validUntil":"%s"}"""
                .formatted(TODAY, TODAY.plusYears(3)));
        assertThat(consented.status()).as(consented.body()).isEqualTo(201);
        String trajectory = refer(client);
        assertThat(clinician.post("/api/trajectories/" + trajectory + "/funding-application", "{}").status())
                .isEqualTo(202);
        ApiClient caseManager = services.as(MUNICIPALITY, "municipality.case-manager");
        ApiClient specialist = services.as(MENTAL_HEALTH_AGENCY, "mha.specialist");
        ApiClient labourExpert = services.as(BENEFITS_AGENCY, "benefits.labour-expert");
        ApiClient auditor = services.as(AUDIT, "audit.auditor");
        awaitApplication(caseManager, trajectory);

        String meeting = "/api/meetings/" + caseManager.get("/api/meetings/next").json().get("date").asText()
                + "/decisions";
        ApiClient.Response refused = caseManager.post(meeting, """
                {"caseRef":"%s","kind":"ACTION","action":"call the employer","owner":"J. de Boer"}"""
                .formatted(UUID.randomUUID()));
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.json().get("detail").asText()).contains("not on the meeting's agenda");
        String note = "a note that stays at the municipality " + UUID.randomUUID();
        ApiClient.Response qualifies = caseManager.post(meeting, """
                {"caseRef":"%s","kind":"FUNDING_QUALIFICATION","qualifies":true,"note":"%s"}"""
                .formatted(trajectory, note));
        assertThat(qualifies.status()).as(qualifies.body()).isEqualTo(201);
        String qualification = qualifies.json().get("decisionId").asText();

        await(() -> minutes(specialist).containsKey(qualification), "the mental health agency keeps the decision");
        JsonNode kept = minutes(specialist).get(qualification);
        assertThat(kept.get("recordedAt").asText()).isEqualTo("MUNICIPALITY");
        assertThat(kept.get("trajectoryId").asText()).isEqualTo(trajectory);
        assertThat(kept.get("qualifies").asBoolean()).isTrue();
        assertThat(services.tablesContaining(MENTAL_HEALTH_AGENCY, note)).as("the note stays").isEmpty();

        String action = "Visit Hoveniersbedrijf Groen with the client " + UUID.randomUUID();
        String shared = specialist.post("/api/meetings/" + specialist.get("/api/meetings/next").json().get("date")
                .asText() + "/decisions", """
                {"caseRef":"%s","kind":"ACTION","action":"%s","owner":"mha.specialist"}"""
                .formatted(trajectory, action)).json().get("decisionId").asText();
        await(() -> minutes(caseManager).containsKey(shared), "the municipality receives the specialist's action");
        assertThat(minutes(caseManager).get(shared).get("action").asText()).isEqualTo(action);
        assertThat(services.tablesContaining(MUNICIPALITY, action)).as("kept sealed").isEmpty();
        JsonNode linked = caseManager.get("/api/funding-applications/" + trajectory).json();
        assertThat(linked.get("status").asText()).isEqualTo("RECEIVED");
        assertThat(linked.get("meetingDecisions")).extracting(d -> d.get("decisionId").asText())
                .containsExactlyInAnyOrder(qualification, shared);
        assertThat(PageSession.loggedIn(services.baseUrl(MUNICIPALITY), "municipality.case-manager")
                .get("/funding").body()).contains("qualifies for funding (MUNICIPALITY)", action + " (MENTAL_HEALTH)");
        // both decisions went through the gate for the benefits agency too, and stayed there
        await(() -> withheld(auditor, client, "BENEFITS") == 2, "the gate withheld both from the benefits agency");
        assertThat(minutes(labourExpert)).doesNotContainKeys(qualification, shared);
        String consent = consented.json().get("consentId").asText();
        await(() -> minutesRead(auditor, client, consent),
                "the municipality's reads of the shared action are recorded");

        // the municipality's own action goes to the provider sealed: its words on no topic in the clear (ADR 51)
        String canary = "canary-" + UUID.randomUUID();
        String funderAction = caseManager.post(meeting, """
                {"caseRef":"%s","kind":"ACTION","action":"Phone the job coach %s","owner":"M. Jansen"}"""
                .formatted(trajectory, canary)).json().get("decisionId").asText();
        await(() -> minutes(specialist).containsKey(funderAction), "the provider keeps the municipality's action");
        assertThat(minutes(specialist).get(funderAction).get("action").asText())
                .isEqualTo("Phone the job coach " + canary);
        Set<UUID> underTheTrajectory = new HashSet<>();
        for (String topic : Topics.all()) {
            for (ConsumerRecord<String, byte[]> record : TopicReader.readToEnd(services.kafkaAdmin(), topic,
                    new StringDeserializer(), new ByteArrayDeserializer(), Duration.ofSeconds(60))) {
                assertThat(new String(record.value(), StandardCharsets.UTF_8)).as(topic).doesNotContain(canary);
                if (topic.equals(Topics.inbox(Agency.MENTAL_HEALTH)) && trajectory.equals(record.key())) {
                    EventEnvelope envelope = new EnvelopeCodec().decode(record.value());
                    if (envelope.type().equals("MeetingDecisionShared")) {
                        underTheTrajectory.add(envelope.eventId());
                    }
                }
            }
        }
        assertThat(underTheTrajectory).as("the qualification and the action, under the trajectory, not the client")
                .hasSize(2);

        assertThat(clinician.post("/api/clients/" + client + "/consents/" + consent + "/revoke",
                "{\"reason\":\"the client withdrew consent\"}").status()).isEqualTo(200);
        await(() -> !minutes(caseManager).containsKey(shared), "the municipality no longer shows the action");
        assertThat(caseManager.get("/api/funding-applications/" + trajectory).json().get("meetingDecisions"))
                .as("its own decisions stay").extracting(d -> d.get("decisionId").asText())
                .containsExactlyInAnyOrder(qualification, funderAction);
        String later = specialist.post("/api/meetings/" + specialist.get("/api/meetings/next").json().get("date")
                .asText() + "/decisions", """
                {"caseRef":"%s","kind":"ACTION","action":"ask again","owner":"mha.specialist"}"""
                .formatted(trajectory)).json().get("decisionId").asText();
        await(() -> withheld(auditor, client, "MUNICIPALITY") == 1, "the gate withheld the later decision");
        assertThat(minutes(caseManager)).doesNotContainKey(later);
    }

    /** The decisions of the next meeting as the user's agency shows them, by id. */
    private static Map<String, JsonNode> minutes(ApiClient practitioner) {
        Map<String, JsonNode> decisions = new LinkedHashMap<>();
        for (JsonNode decision : practitioner.get("/api/meetings/next").json().get("decisions")) {
            decisions.put(decision.get("decisionId").asText(), decision);
        }
        return decisions;
    }

    /** Whether the trail holds a read of the client's shared minutes by the municipality's case manager. */
    private static boolean minutesRead(ApiClient auditor, String client, String consent) {
        for (JsonNode record : auditor.get("/api/access-records?clientId=" + client
                + "&userId=municipality.case-manager").json()) {
            if ("MUNICIPALITY".equals(record.path("agency").asText()) && "VIEW".equals(record.path("action").asText())
                    && "PERMITTED".equals(record.path("outcome").asText())
                    && "CASE_REVIEW".equals(record.path("purpose").asText())
                    && record.path("categories").toString().contains("EMPLOYMENT")
                    && record.path("consentIds").toString().contains(consent)
                    && "meeting decisions shared with this agency".equals(record.path("reason").asText())) {
                return true;
            }
        }
        return false;
    }

    /** The mental health agency's records of meeting decisions about the client it kept from the recipient. */
    private static long withheld(ApiClient auditor, String client, String recipient) {
        long withheld = 0;
        for (JsonNode record : auditor.get("/api/access-records?clientId=" + client).json()) {
            if ("CASE_REVIEW".equals(record.path("purpose").asText()) && record.path("reason").asText()
                    .equals("not sent to " + recipient + ": no active consent covers EMPLOYMENT")) {
                withheld++;
            }
        }
        return withheld;
    }

    @Test
    void aClientWithNeitherBenefitIsRefusedFundingWithTheReason() {
        String client = client("999999990", "NONE");
        String trajectory = refer(client);
        ApiClient.Response response = clinician.post("/api/trajectories/" + trajectory + "/funding-application",
                "{}");
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().get("detail").asText()).contains("neither social assistance nor a disability");
    }

    @Test
    void aReferralWithoutTheClientsWishToWorkIs422() {
        String client = client("100000009", "DISABILITY");
        assertThat(clinician.post("/api/referrals", "{\"clientId\":\"" + client + "\",\"wishesToWork\":false}")
                .status()).isEqualTo(422);
        assertThat(clinician.post("/api/referrals", "{\"clientId\":\"" + client + "\"}").status()).isEqualTo(422);
    }

    private double duplicatesSkipped(ServiceDefinition service) {
        String metrics = services.as(service, service.demoAdministrator()).get("/actuator/prometheus", "text/plain").body();
        return metrics.lines().filter(l -> l.startsWith("ips_inbound_duplicates_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private record Line(String type, String amount, LocalDate dueDate, String status) {
    }

    private static Line line(String type, String amount, LocalDate due, String status) {
        return new Line(type, amount, due, status);
    }

    private void expectPayments(ApiClient reader, String trajectory, List<Line> expected) {
        List<Line> seen = new ArrayList<>();
        await(() -> {
            seen.clear();
            for (JsonNode line : reader.get("/api/trajectories/" + trajectory + "/payments").json()) {
                seen.add(new Line(line.get("type").asText(), line.get("amount").decimalValue().setScale(2).toPlainString(),
                        LocalDate.parse(line.get("dueDate").asText()), line.get("status").asText()));
            }
            return seen.equals(expected);
        }, "the payment schedule of " + trajectory + " is " + expected + " (last seen " + seen + ")");
    }

    /** The trajectory at the mental health agency: funded by the funder from START, with the funder's lines. */
    private JsonNode expectFundingAtTheMentalHealthAgency(String trajectory, String funder, List<Line> expected) {
        List<Line> seen = new ArrayList<>();
        JsonNode[] shown = new JsonNode[1];
        await(() -> {
            seen.clear();
            shown[0] = clinician.get("/api/trajectories/" + trajectory).json();
            for (JsonNode line : shown[0].path("paymentLines")) {
                seen.add(new Line(line.get("type").asText(), line.get("amount").decimalValue().setScale(2)
                        .toPlainString(), LocalDate.parse(line.get("dueDate").asText()), line.get("status").asText()));
            }
            return seen.equals(expected) && "FUNDED".equals(shown[0].path("fundingStatus").asText());
        }, "the mental health agency shows " + trajectory + " funded with " + expected + " (last seen " + seen + ")");
        JsonNode decision = shown[0].get("fundingDecision");
        assertThat(decision.get("decision").asText()).isEqualTo("APPROVED");
        assertThat(decision.get("funder").asText()).isEqualTo(funder);
        assertThat(decision.get("startDate").asText()).isEqualTo(START.toString());
        assertThat(decision.has("reasonCode")).isFalse();
        assertThat(shown[0].get("appliedOn").asText()).isEqualTo(TODAY.toString());
        assertThat(shown[0].get("placements")).hasSize(1);
        return shown[0];
    }

    private void awaitApplication(ApiClient reader, String trajectory) {
        await(() -> reader.get("/api/funding-applications").body().contains(trajectory),
                "the funder received the application " + trajectory);
    }

    private String trajectory(String bsn, String benefit, String funder) {
        String client = client(bsn, benefit);
        assertThat(clinician.post("/api/clients/" + client + "/consents", """
                {"recipients":["%s"],"categories":["IDENTIFICATION","BENEFITS","EMPLOYMENT"],
                 "purposes":["FUNDING_DECISION"],"validFrom":"%s","validUntil":"%s"}"""
                .formatted(funder, TODAY, TODAY.plusYears(3))).status()).isEqualTo(201);
        assertThat(clinician.post("/api/clients/" + client + "/consents", """
                {"recipients":["INSURER"],"categories":["BENEFITS"],"purposes":["BILLING"],
                 "validFrom":"%s","validUntil":"%s"}""".formatted(TODAY, TODAY.plusYears(3))).status()).isEqualTo(201);
        String trajectory = refer(client);
        for (String[] session : new String[][] {{"1", "1.5"}, {"2", "2"}}) {
            assertThat(clinician.post("/api/trajectories/" + trajectory + "/intake-sessions",
                    "{\"date\":\"" + REFERRED.plusDays(Integer.parseInt(session[0])) + "\",\"hours\":" + session[1]
                            + "}").status()).isEqualTo(201);
        }
        ApiClient.Response applied = clinician.post("/api/trajectories/" + trajectory + "/funding-application", "{}");
        assertThat(applied.status()).as(applied.body()).isEqualTo(202);
        assertThat(applied.json().get("funder").asText()).isEqualTo(funder);
        return trajectory;
    }

    private String refer(String client) {
        ApiClient.Response referred = clinician.post("/api/referrals", """
                {"clientId":"%s","wishesToWork":true,"jobPreferences":"outdoor work","referredOn":"%s",
                 "team":"IPS team Zuid"}"""
                .formatted(client, REFERRED));
        assertThat(referred.status()).as(referred.body()).isEqualTo(201);
        return referred.json().get("trajectoryId").asText();
    }

    private String client(String bsn, String benefit) {
        ApiClient.Response created = clinician.post("/api/clients", """
                {"name":"Client %s","bsn":"%s","dateOfBirth":"1988-08-08","benefit":"%s","municipality":"Houten"}"""
                .formatted(bsn, bsn, benefit));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("clientId").asText();
    }

    private void recordFidelityReview(LocalDate date, int score) throws Exception {
        recordFidelityReview("IPS team Zuid", date, score);
    }

    private void recordFidelityReview(String team, LocalDate date, int score) throws Exception {
        Map<String, Object> items = new LinkedHashMap<>();
        for (FidelityItem item : FidelityItem.values()) {
            items.put(item.name(), score);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("team", team);
        body.put("reviewDate", date.toString());
        body.put("reviewer", "R. Bakker");
        body.put("reviewerOrganisation", "Kenniscentrum IPS");
        body.put("trainingOrganisation", "Trimbos");
        body.put("items", items);
        ApiClient.Response response = services.as(MENTAL_HEALTH_AGENCY, "mha.reviewer")
                .post("/api/fidelity-reviews", new ObjectMapper().writeValueAsString(body));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    private String pseudonym(ServiceDefinition sender, String trajectoryId) {
        return services.bean(sender, StatusPseudonyms.class).trajectory(trajectoryId);
    }
}
