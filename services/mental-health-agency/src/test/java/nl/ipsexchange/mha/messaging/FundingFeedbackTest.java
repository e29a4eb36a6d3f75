package nl.ipsexchange.mha.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.consent.ConsentTerms;
import nl.ipsexchange.kernel.funding.FundingDecidedEvent;
import nl.ipsexchange.kernel.funding.FundingDecidedEvent.Decision;
import nl.ipsexchange.kernel.funding.FundingDecisionReason;
import nl.ipsexchange.kernel.funding.PaymentLineStatus;
import nl.ipsexchange.kernel.funding.PaymentLineUpdatedEvent;
import nl.ipsexchange.kernel.funding.PaymentType;
import nl.ipsexchange.kernel.messaging.EnvelopeCodec;
import nl.ipsexchange.kernel.messaging.EventEnvelope;
import nl.ipsexchange.kernel.messaging.IntegrationEvent;
import nl.ipsexchange.kernel.messaging.MalformedMessageException;
import nl.ipsexchange.kernel.security.Role;
import nl.ipsexchange.mha.MentalHealthAgencyTest;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.FundingDecisionRecordedEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.JobCoachingRecordedEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.JobCoachingReleasedEvent;
import nl.ipsexchange.mha.web.MhaMeetingAgenda;
import nl.ipsexchange.platform.audit.AccessRecorder;
import nl.ipsexchange.platform.meeting.MeetingAgenda.Case;
import nl.ipsexchange.platform.meeting.MeetingAgenda.Section;
import nl.ipsexchange.platform.messaging.IntegrationEventHandler;
import nl.ipsexchange.testsupport.ApiClient;
import nl.ipsexchange.testsupport.TestBsns;

/**
 * A funder's decision and payment lines as the mental health agency keeps them (ADR 46), handed to its inbox handlers
 * as the platform's inbound path does (which has already dropped a repeated event id): each value is kept with the
 * funder's sequence number, so a message delivered again or after a later one changes nothing; a message from
 * another agency than the trajectory's funder is refused; the trajectory's API and agenda show the decision, an
 * approval with its covenant version (ADR 52).
 */
@MentalHealthAgencyTest
class FundingFeedbackTest {

    private static final LocalDate TODAY = LocalDate.now(ConsentTerms.ZONE);
    private static final EnvelopeCodec CODEC = new EnvelopeCodec();

    @LocalServerPort
    int port;

    @Autowired
    FundingFeedbackInbox inbox;

    @Autowired
    MhaMeetingAgenda agenda;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DecisionsKeptBeforeTrajectoriesRecordedThem keptBefore;

    @Autowired
    EventStore events;

    private ApiClient clinician;
    private String trajectoryId;

    @BeforeEach
    void anApplicationAtTheMunicipality() {
        clinician = ApiClient.as("http://localhost:" + port, "mha.clinician");
        ApiClient.Response created = clinician.post("/api/clients", """
                {"name":"Fenna Smit","bsn":"%s","dateOfBirth":"1988-02-11","benefit":"SOCIAL_ASSISTANCE",
                 "municipality":"Zeist"}""".formatted(TestBsns.random()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String clientId = created.json().get("clientId").asText();
        ApiClient.Response consent = clinician.post("/api/clients/" + clientId + "/consents", """
                {"recipients":["MUNICIPALITY"],"categories":["BENEFITS"],"purposes":["FUNDING_DECISION"],
                 "validFrom":"%s","validUntil":"%s"}""".formatted(TODAY, TODAY.plusYears(1)));
        assertThat(consent.status()).as(consent.body()).isEqualTo(201);
        ApiClient.Response referred = clinician.post("/api/referrals", """
                {"clientId":"%s","wishesToWork":true,"jobPreferences":"greenhouse","team":"IPS team Utrecht"}"""
                .formatted(clientId));
        assertThat(referred.status()).as(referred.body()).isEqualTo(201);
        trajectoryId = referred.json().get("trajectoryId").asText();
        ApiClient.Response applied = clinician.post("/api/trajectories/" + trajectoryId + "/funding-application",
                "{}");
        assertThat(applied.status()).as(applied.body()).isEqualTo(202);
    }

    private static EventEnvelope from(Agency sender, IntegrationEvent event) {
        return CODEC.decode(CODEC.encode(CODEC.wrap(UUID.randomUUID(), sender, Instant.now(), null, event)));
    }

    private void deliver(FundingDecidedEvent event) {
        EventEnvelope envelope = from(Agency.MUNICIPALITY, event);
        handle((FundingDecidedEvent) CODEC.payload(envelope), envelope);
    }

    private void deliver(PaymentLineUpdatedEvent event) {
        EventEnvelope envelope = from(Agency.MUNICIPALITY, event);
        handle((PaymentLineUpdatedEvent) CODEC.payload(envelope), envelope);
    }

    /** As the inbox's processor hands a received event to the handler of its type. */
    @SuppressWarnings("unchecked")
    private <T extends IntegrationEvent> void handle(T event, EventEnvelope envelope) {
        inbox.handlers().stream().filter(handler -> handler.eventType() == event.getClass())
                .map(handler -> (IntegrationEventHandler<T>) handler).findFirst().orElseThrow()
                .handle(event, envelope);
    }

    private PaymentLineUpdatedEvent line(String type, long sequence, PaymentLineStatus status, String amount,
                                         LocalDate due) {
        return new PaymentLineUpdatedEvent(trajectoryId, Agency.MUNICIPALITY, trajectoryId + ":" + type, sequence,
                status, amount == null ? null : PaymentType.valueOf(type), amount == null ? null
                : new BigDecimal(amount), due);
    }

    private JsonNode trajectory() {
        ApiClient.Response got = clinician.get("/api/trajectories/" + trajectoryId);
        assertThat(got.status()).as(got.body()).isEqualTo(200);
        return got.json();
    }

    private List<String> caseRefs(String section) {
        return agenda.sections(AccessRecorder.Actor.SYSTEM, Role.IPS_SPECIALIST).stream()
                .filter(s -> s.title().equals(section)).findFirst().map(Section::cases).orElseThrow().stream()
                .map(Case::caseRef).toList();
    }

    @Test
    void theLatestDecisionAndEachLinesLatestStateAreKeptWhateverTheOrderAndRepetition() {
        assertThat(trajectory().get("fundingStatus").asText()).isEqualTo("APPLIED");
        assertThat(caseRefs("New applicants for funding")).contains(trajectoryId);
        LocalDate start = TODAY.minusDays(3);
        FundingDecidedEvent refused = new FundingDecidedEvent(trajectoryId, Agency.MUNICIPALITY, 2,
                Decision.APPROVAL_REFUSED, null, TODAY.minusDays(10), FundingDecisionReason.NO_FIDELITY_REVIEW);
        FundingDecidedEvent approved = new FundingDecidedEvent(trajectoryId, Agency.MUNICIPALITY, 3,
                Decision.APPROVED, start, TODAY.minusDays(3), null);

        // the START line falls due (sequence 5) before its scheduling (4) arrives; FINAL moves (9) after it was
        // scheduled (6) and fell due (7): a move changes its date, not where it stands
        deliver(line("START", 5, PaymentLineStatus.DUE, null, null));
        deliver(approved);
        deliver(refused);
        deliver(line("START", 4, PaymentLineStatus.SCHEDULED, "900", start));
        deliver(line("FINAL", 9, PaymentLineStatus.RESCHEDULED, null, start.plusMonths(12)));
        deliver(line("FINAL", 6, PaymentLineStatus.SCHEDULED, "900", start.plusMonths(18)));
        deliver(line("FINAL", 7, PaymentLineStatus.DUE, null, null));
        deliver(line("THREE_MONTHS", 5, PaymentLineStatus.SCHEDULED, "900", start.plusMonths(3)));
        deliver(line("THREE_MONTHS", 10, PaymentLineStatus.CANCELLED, null, null));
        JsonNode first = trajectory();
        // everything again, in the order sent: nothing changes
        deliver(refused);
        deliver(approved);
        deliver(line("START", 4, PaymentLineStatus.SCHEDULED, "900", start));
        deliver(line("START", 5, PaymentLineStatus.DUE, null, null));
        deliver(line("THREE_MONTHS", 5, PaymentLineStatus.SCHEDULED, "900", start.plusMonths(3)));
        deliver(line("FINAL", 6, PaymentLineStatus.SCHEDULED, "900", start.plusMonths(18)));
        deliver(line("FINAL", 7, PaymentLineStatus.DUE, null, null));
        deliver(line("FINAL", 9, PaymentLineStatus.RESCHEDULED, null, start.plusMonths(12)));
        deliver(line("THREE_MONTHS", 10, PaymentLineStatus.CANCELLED, null, null));

        JsonNode shown = trajectory();
        assertThat(shown).isEqualTo(first);
        assertThat(shown.get("fundingStatus").asText()).isEqualTo("FUNDED");
        JsonNode decision = shown.get("fundingDecision");
        assertThat(decision.get("decision").asText()).isEqualTo("APPROVED");
        assertThat(decision.get("funder").asText()).isEqualTo("MUNICIPALITY");
        assertThat(decision.get("startDate").asText()).isEqualTo(start.toString());
        assertThat(decision.hasNonNull("reasonCode")).isFalse();
        assertThat(decision.get("covenantVersion").asText()).as("named by no message: the version of its day")
                .isEqualTo("2025.1");
        assertThat(shown.get("appliedOn").asText()).isEqualTo(TODAY.toString());   // what was there stays
        JsonNode lines = shown.get("paymentLines");
        assertThat(lines).hasSize(3);
        assertThat(lines).extracting(l -> l.get("type").asText() + " " + l.get("amount").decimalValue()
                        .stripTrailingZeros().toPlainString() + " " + l.get("dueDate").asText() + " "
                        + l.get("status").asText())
                .containsExactly("START 900 " + start + " DUE",
                        "THREE_MONTHS 900 " + start.plusMonths(3) + " CANCELLED",
                        "FINAL 900 " + start.plusMonths(12) + " DUE");
        assertThat(jdbc.queryForObject("select count(*) from trajectory_payment_line where trajectory_id = ?",
                Integer.class, trajectoryId)).isEqualTo(3);

        // a funded client is a participant now, no longer an applicant
        assertThat(caseRefs("New applicants for funding")).doesNotContain(trajectoryId);
        assertThat(caseRefs("Current participants' progress")).contains(trajectoryId);
    }

    @Test
    void anApprovalShowsTheCovenantVersionItsMessageNames() {
        deliver(new FundingDecidedEvent(trajectoryId, Agency.MUNICIPALITY, 3, Decision.APPROVED, TODAY, TODAY, null,
                "2025.1"));

        JsonNode decision = trajectory().get("fundingDecision");
        assertThat(decision.get("covenantVersion").asText()).isEqualTo("2025.1");
        assertThat(jdbc.queryForObject("select covenant_version from trajectory_funding_decision where "
                + "trajectory_id = ?", String.class, trajectoryId)).isEqualTo("2025.1");
    }

    /**
     * A decision kept before trajectories recorded them (as the inbox wrote it until ADR 52) is recorded in its
     * trajectory at start-up: a session of job coaching that awaited the approval is released under the version of
     * the decision's day, once, however often the start-up runs.
     */
    @Test
    void aDecisionKeptBeforeTrajectoriesRecordedThemReleasesTheCoachingThatAwaitedIt() {
        ApiClient.Response coached = clinician.post("/api/trajectories/" + trajectoryId + "/job-coaching",
                "{\"date\":\"%s\",\"hours\":2}".formatted(TODAY));
        assertThat(coached.status()).as(coached.body()).isEqualTo(201);
        jdbc.update("""
                insert into trajectory_funding_decision (trajectory_id, funder, decision, start_date, decided_on,
                    sequence) values (?, 'MUNICIPALITY', 'APPROVED', ?, ?, 3)""", trajectoryId,
                Date.valueOf(TODAY), Date.valueOf(TODAY));
        assertThat(payloads(JobCoachingRecordedEvent.class)).singleElement()
                .satisfies(session -> assertThat(session.awaitingApproval()).isTrue());

        keptBefore.recordInTheirTrajectories();
        keptBefore.recordInTheirTrajectories();

        assertThat(payloads(FundingDecisionRecordedEvent.class)).singleElement()
                .satisfies(decision -> assertThat(decision.covenantVersion()).isEqualTo("2025.1"));
        assertThat(payloads(JobCoachingReleasedEvent.class)).singleElement()
                .satisfies(released -> assertThat(released.covenantVersion()).isEqualTo("2025.1"));
        assertThat(jdbc.queryForMap("select covenant_version, recorded_by_trajectory from "
                + "trajectory_funding_decision where trajectory_id = ?", trajectoryId))
                .containsEntry("covenant_version", "2025.1").containsEntry("recorded_by_trajectory", true);
        assertThat(trajectory().get("fundingStatus").asText()).isEqualTo("FUNDED");
    }

    private <T> List<T> payloads(Class<T> type) {
        return events.readEvents(trajectoryId).asStream().map(DomainEventMessage::getPayload)
                .filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void aRejectionShowsItsCodeAndKeepsTheClientAmongTheApplicants() {
        deliver(new FundingDecidedEvent(trajectoryId, Agency.MUNICIPALITY, 2, Decision.REJECTED, null, TODAY,
                FundingDecisionReason.REJECTED_BY_FUNDER));

        JsonNode shown = trajectory();
        assertThat(shown.get("fundingStatus").asText()).isEqualTo("REJECTED");
        assertThat(shown.get("fundingDecision").get("reasonCode").asText()).isEqualTo("REJECTED_BY_FUNDER");
        assertThat(shown.get("fundingDecision").hasNonNull("startDate")).isFalse();
        assertThat(shown.get("paymentLines")).isEmpty();
        assertThat(caseRefs("New applicants for funding")).contains(trajectoryId);
    }

    @Test
    void noAgencySpeaksForAnotherNorAboutATrajectoryNotAppliedForAtIt() {
        FundingDecidedEvent approvedByTheMunicipality = new FundingDecidedEvent(trajectoryId, Agency.MUNICIPALITY, 2,
                Decision.APPROVED, TODAY, TODAY, null);
        EventEnvelope sentByBenefits = from(Agency.BENEFITS, approvedByTheMunicipality);
        assertThatThrownBy(() -> handle(approvedByTheMunicipality, sentByBenefits))
                .isInstanceOf(MalformedMessageException.class);

        FundingDecidedEvent approvedByBenefits = new FundingDecidedEvent(trajectoryId, Agency.BENEFITS, 2,
                Decision.APPROVED, TODAY, TODAY, null);
        assertThatThrownBy(() -> handle(approvedByBenefits, from(Agency.BENEFITS, approvedByBenefits)))
                .isInstanceOf(MalformedMessageException.class);
        PaymentLineUpdatedEvent unknown = new PaymentLineUpdatedEvent(UUID.randomUUID().toString(),
                Agency.MUNICIPALITY, "x:START", 3, PaymentLineStatus.SCHEDULED, PaymentType.START,
                new BigDecimal("900"), TODAY);
        assertThatThrownBy(() -> handle(unknown, from(Agency.MUNICIPALITY, unknown)))
                .isInstanceOf(MalformedMessageException.class);

        assertThat(trajectory().get("fundingStatus").asText()).isEqualTo("APPLIED");
        assertThat(trajectory().hasNonNull("fundingDecision")).isFalse();
    }
}
