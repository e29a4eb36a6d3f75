package nl.ipsexchange.mha.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.Topics;
import nl.ipsexchange.kernel.consent.ConsentTerms;
import nl.ipsexchange.kernel.messaging.EnvelopeCodec;
import nl.ipsexchange.kernel.messaging.EventEnvelope;
import nl.ipsexchange.kernel.messaging.sealing.AuditSealing;
import nl.ipsexchange.kernel.messaging.sealing.EnvelopeSealing;
import nl.ipsexchange.kernel.messaging.sealing.TransitKey;
import nl.ipsexchange.mha.MentalHealthAgencyTest;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.PlacementEndedEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.PlacementStartedEvent;
import nl.ipsexchange.platform.audit.AuditSealingKeys;
import nl.ipsexchange.platform.crypto.StatusPseudonyms;
import nl.ipsexchange.testsupport.ApiClient;
import nl.ipsexchange.testsupport.TestBsns;
import nl.ipsexchange.testsupport.TestInfrastructure;
import nl.ipsexchange.testsupport.TopicReader;

/**
 * What {@link TrajectoryRelay} sends, read back from a real Kafka (the service against a real PostgreSQL and Kafka,
 * driven through its API): a placement goes to the funder only under a consent covering {@code EMPLOYMENT} for
 * {@code FUNDING_DECISION} for that funder, otherwise it is withheld with an access record; and each step emits its
 * de-identified status event on {@code ips.status}.
 */
@MentalHealthAgencyTest
class TrajectoryRelayTest {

    private static final LocalDate TODAY = LocalDate.now(ConsentTerms.ZONE);
    private static final EnvelopeCodec CODEC = new EnvelopeCodec();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What the trajectory relay sends a funder (the inbox also carries the consent gate's consents and data). */
    private static final Set<String> TRAJECTORY_STEPS = Set.of("FundingApplicationSubmitted",
            "PlacementReported", "JobCoachingReported", "TrajectoryClosed");

    @LocalServerPort
    int port;

    private ApiClient clinician;

    @BeforeEach
    void login() {
        clinician = ApiClient.as("http://localhost:" + port, "mha.clinician");
    }

    private String client(String name, String benefit) {
        ApiClient.Response created = clinician.post("/api/clients", """
                {"name":"%s","bsn":"%s","dateOfBirth":"1985-06-15","benefit":"%s","municipality":"Zeist"}"""
                .formatted(name, TestBsns.random(), benefit));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("clientId").asText();
    }

    private void consent(String clientId, String recipient, String categories, String purpose) {
        ApiClient.Response given = clinician.post("/api/clients/" + clientId + "/consents", """
                {"recipients":["%s"],"categories":[%s],"purposes":["%s"],"validFrom":"%s","validUntil":"%s"}"""
                .formatted(recipient, categories, purpose, TODAY, TODAY.plusYears(1)));
        assertThat(given.status()).as(given.body()).isEqualTo(201);
    }

    private String refer(String clientId) {
        ApiClient.Response referred = clinician.post("/api/referrals", """
                {"clientId":"%s","wishesToWork":true,"jobPreferences":"bicycle repair","team":"IPS team Utrecht"}""".formatted(clientId));
        assertThat(referred.status()).as(referred.body()).isEqualTo(201);
        return referred.json().get("trajectoryId").asText();
    }

    private String placement(String trajectoryId, String employer) {
        ApiClient.Response placed = clinician.post("/api/trajectories/" + trajectoryId + "/placements", """
                {"employer":"%s","jobTitle":"mechanic","competitive":true,"hoursPerWeek":24,
                 "monthlyGrossWage":1650.00,"startDate":"%s"}""".formatted(employer, TODAY));
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        return placed.json().get("placementId").asText();
    }

    @Test
    void aPlacementIsWithheldFromTheFunderUntilAConsentCoversEmploymentForTheFundingDecision() {
        String clientId = client("Sanne Bos", "SOCIAL_ASSISTANCE");
        consent(clientId, "MUNICIPALITY", "\"IDENTIFICATION\",\"BENEFITS\"", "FUNDING_DECISION");
        // EMPLOYMENT is consented, but not to this funder, or not for this purpose: neither covers the placement
        consent(clientId, "BENEFITS", "\"EMPLOYMENT\"", "FUNDING_DECISION");
        consent(clientId, "MUNICIPALITY", "\"EMPLOYMENT\"", "JOB_SUPPORT");
        String trajectoryId = refer(clientId);
        ApiClient.Response applied = clinician.post("/api/trajectories/" + trajectoryId + "/funding-application",
                "{}");
        assertThat(applied.status()).as(applied.body()).isEqualTo(202);

        String withheld = placement(trajectoryId, "Fietsenmaker De Spaak");
        // the gate's access record of the withholding (the relay has handled the placement when it is there)
        List<ConsumerRecord<String, byte[]>> records = awaitRecords(Topics.AUDIT, record -> clientId.equals(
                openedRecord(record).payload().path("clientId").asText()), envelopes -> envelopes.stream()
                .map(this::openedRecord).anyMatch(TrajectoryRelayTest::placementWithheld));
        // sealed for the audit service (ADR 37): on the topic, nothing names the client or what was withheld
        assertThat(records).allSatisfy(record -> assertThat(new String(record.value(), StandardCharsets.UTF_8))
                .doesNotContain(clientId, "WITHHOLD", "EMPLOYMENT", "MUNICIPALITY"));

        // the control: with the consent, the next placement does reach the funder (and shows the inbox is read)
        consent(clientId, "MUNICIPALITY", "\"EMPLOYMENT\"", "FUNDING_DECISION");
        String sent = placement(trajectoryId, "Rijwielhandel Noord");
        List<EventEnvelope> inbox = await(Topics.inbox(Agency.MUNICIPALITY), clientId, envelopes -> envelopes.stream()
                .map(this::opened).anyMatch(e -> sent.equals(e.payload().path("placementId").asText()))).stream()
                .filter(e -> TRAJECTORY_STEPS.contains(e.type())).toList();   // not the consent gate's messages
        assertThat(inbox).as("sealed on the topic").allMatch(EnvelopeSealing::isSealed)
                .noneMatch(e -> e.payload().toString().contains(sent));
        inbox = inbox.stream().map(this::opened).toList();

        assertThat(inbox).extracting(EventEnvelope::type)
                .containsExactly("FundingApplicationSubmitted", "PlacementReported");
        assertThat(inbox).noneMatch(e -> withheld.equals(e.payload().path("placementId").asText()));
        assertThat(inbox.get(1).consent().categories()).containsExactly(DataCategory.EMPLOYMENT);
        assertThat(inbox.get(1).consent().purpose()).isEqualTo(Purpose.FUNDING_DECISION);
    }

    @Test
    void anEndedPlacementReachesTheFunderWithWhatItsStartSaid() {
        String clientId = client("Daan Smit", "SOCIAL_ASSISTANCE");
        consent(clientId, "MUNICIPALITY", "\"IDENTIFICATION\",\"BENEFITS\",\"EMPLOYMENT\"", "FUNDING_DECISION");
        String trajectoryId = refer(clientId);
        ApiClient.Response applied = clinician.post("/api/trajectories/" + trajectoryId + "/funding-application",
                "{}");
        assertThat(applied.status()).as(applied.body()).isEqualTo(202);
        String placementId = placement(trajectoryId, "Fietsenmaker De Spaak");
        ApiClient.Response ended = clinician.post("/api/trajectories/" + trajectoryId + "/placements/" + placementId
                + "/end", "{\"endDate\":\"%s\",\"reason\":\"contract ended\"}".formatted(TODAY));
        assertThat(ended.status()).as(ended.body()).isEqualTo(200);

        assertStartAndEndReported(clientId, placementId);
    }

    /**
     * A placement's start and end stored as the previous version stored them (revision 1, naming no funder, the end
     * nothing of its start) and not relayed before this version started: they reach the funder all the same, with
     * what the trajectory's history before them says.
     */
    @Test
    void stepsStoredBeforeTheyNamedTheirFunderReachItFromTheTrajectorysHistory() throws JsonProcessingException {
        String clientId = client("Mila de Groot", "SOCIAL_ASSISTANCE");
        consent(clientId, "MUNICIPALITY", "\"IDENTIFICATION\",\"BENEFITS\",\"EMPLOYMENT\"", "FUNDING_DECISION");
        String trajectoryId = refer(clientId);
        ApiClient.Response applied = clinician.post("/api/trajectories/" + trajectoryId + "/funding-application",
                "{}");
        assertThat(applied.status()).as(applied.body()).isEqualTo(202);
        String placementId = UUID.randomUUID().toString();

        storeAsBefore(trajectoryId, new PlacementStartedEvent(trajectoryId, clientId, placementId,
                "Rijwielhandel Noord", "mechanic", true, new BigDecimal("24"), new BigDecimal("1650.00"), TODAY,
                null), "funder");
        storeAsBefore(trajectoryId, new PlacementEndedEvent(trajectoryId, clientId, placementId, TODAY,
                "contract ended", null, false, null, null, null), "funder", "competitive", "hoursPerWeek",
                "startDate");

        assertStartAndEndReported(clientId, placementId);
    }

    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;

    @Autowired
    JdbcTemplate jdbc;

    /**
     * Appends the event to the trajectory's stream as the previous version stored it: revision 1, without the fields
     * named (its personal fields sealed as ever), written by hand so that only the tracking processors read it.
     */
    private void storeAsBefore(String trajectoryId, Object event, String... absent) throws JsonProcessingException {
        ObjectNode stored = (ObjectNode) JSON.readTree(eventSerializer.serialize(event, String.class).getData());
        stored.remove(List.of(absent));
        assertThat(stored.has("sealedPersonalData")).as("sealed as stored before").isTrue();
        jdbc.update("""
                insert into domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,
                    meta_data, payload, payload_revision, payload_type, time_stamp)
                select aggregate_identifier, sequence_number + 1, type, ?, meta_data, ?, '1', ?, ?
                from domain_event_entry where aggregate_identifier = ? order by sequence_number desc limit 1""",
                UUID.randomUUID().toString(), JSON.writeValueAsBytes(stored), event.getClass().getName(),
                Instant.now().toString(), trajectoryId);
    }

    /** The funder received the placement's start and then its end, each naming what the start said. */
    private void assertStartAndEndReported(String clientId, String placementId) {
        List<EventEnvelope> reports = await(Topics.inbox(Agency.MUNICIPALITY), clientId, envelopes -> envelopes
                .stream().map(this::opened).filter(e -> placementId.equals(e.payload().path("placementId").asText()))
                .count() == 2).stream().map(this::opened)
                .filter(e -> placementId.equals(e.payload().path("placementId").asText())).toList();

        assertThat(reports).extracting(EventEnvelope::type).containsExactly("PlacementReported", "PlacementReported");
        assertThat(reports.get(0).payload().hasNonNull("endDate")).as("the start: no end date").isFalse();
        assertThat(reports.get(1).payload().path("endDate").asText()).isEqualTo(TODAY.toString());
        for (EventEnvelope report : reports) {
            JsonNode placement = report.payload();
            assertThat(placement.path("competitive").asBoolean()).isTrue();
            assertThat(placement.path("hoursPerWeek").decimalValue()).isEqualByComparingTo("24");
            assertThat(placement.path("monthlyGrossWage").decimalValue()).isEqualByComparingTo("1650.00");
            assertThat(placement.path("startDate").asText()).isEqualTo(TODAY.toString());
            assertThat(report.consent().purpose()).isEqualTo(Purpose.FUNDING_DECISION);
            assertThat(report.consent().categories()).containsExactly(DataCategory.EMPLOYMENT);
        }
    }

    @Test
    void referralIntakeAndCloseEachEmitTheirDeIdentifiedStatusEvent() {
        String clientId = client("Joris Vermeulen", "DISABILITY");
        String trajectoryId = refer(clientId);
        assertThat(clinician.post("/api/trajectories/" + trajectoryId + "/intake-sessions",
                "{\"date\":\"%s\",\"hours\":1.5}".formatted(TODAY)).status()).isEqualTo(201);
        assertThat(clinician.post("/api/trajectories/" + trajectoryId + "/close",
                "{\"date\":\"%s\",\"reason\":\"moved abroad\"}".formatted(TODAY)).status()).isEqualTo(200);

        // the steps are named by this agency's pseudonym of the trajectory (ADR 36)
        String pseudonym = pseudonyms.trajectory(trajectoryId);
        List<ConsumerRecord<String, byte[]>> records = awaitRecords(Topics.STATUS, pseudonym, envelopes -> steps(
                envelopes).contains("CLOSED"));

        List<EventEnvelope> envelopes = records.stream().map(r -> CODEC.decode(r.value()))
                .filter(e -> e.type().equals("TrajectoryStep")).toList();
        assertThat(steps(envelopes)).containsExactly("REFERRED", "INTAKE_SESSION", "CLOSED");
        assertThat(envelopes).allSatisfy(e -> {
            assertThat(e.consent()).as("de-identified: sent under no consent").isNull();
            assertThat(e.payload().path("trajectoryPseudonym").asText()).isEqualTo(pseudonym);
            assertThat(e.subject()).isEqualTo(pseudonym);
        });
        for (ConsumerRecord<String, byte[]> record : records) {
            assertThat(new String(record.value(), StandardCharsets.UTF_8)).as("nothing that links to the client")
                    .doesNotContain("Joris", "Vermeulen", "1985-06-15", "Zeist", "DISABILITY", "moved abroad",
                            "bicycle repair", clientId, trajectoryId);
        }
    }

    @Test
    void noStatusEventOfAClientWalkedThroughTheirTrajectoryCarriesTheClientsOrTheTrajectorysId() {
        String clientId = client("Fenna Dekker", "SOCIAL_ASSISTANCE");
        consent(clientId, "MUNICIPALITY", "\"IDENTIFICATION\",\"BENEFITS\",\"EMPLOYMENT\"", "FUNDING_DECISION");
        String trajectoryId = refer(clientId);
        ApiClient.Response applied = clinician.post("/api/trajectories/" + trajectoryId + "/funding-application",
                "{}");
        assertThat(applied.status()).as(applied.body()).isEqualTo(202);
        placement(trajectoryId, "Kringloop Oost");
        assertThat(clinician.post("/api/trajectories/" + trajectoryId + "/close",
                "{\"date\":\"%s\",\"reason\":\"found work\"}".formatted(TODAY)).status()).isEqualTo(200);
        String pseudonym = pseudonyms.trajectory(trajectoryId);
        awaitRecords(Topics.STATUS, pseudonym, envelopes -> steps(envelopes).contains("CLOSED"));

        List<String> everyStatusEvent = everyRecord(Topics.STATUS);

        assertThat(everyStatusEvent).as("the client registered, referred, funded, placed and closed")
                .anyMatch(raw -> raw.contains(pseudonyms.client(clientId)))
                .filteredOn(raw -> raw.contains(pseudonym)).extracting(raw -> CODEC.decode(
                        raw.getBytes(StandardCharsets.UTF_8)).payload().path("step").asText())
                .containsExactly("REFERRED", "FUNDING_APPLIED", "PLACEMENT_STARTED", "CLOSED");
        assertThat(everyStatusEvent).noneMatch(raw -> raw.contains(clientId))
                .noneMatch(raw -> raw.contains(trajectoryId));
    }

    @Autowired
    StatusPseudonyms pseudonyms;

    /** Every record on the topic, from its start to its end, as text. */
    private static List<String> everyRecord(String topic) {
        return TopicReader.readToEnd(TestInfrastructure.get().kafkaAdmin(), topic, new StringDeserializer(),
                new ByteArrayDeserializer(), Duration.ofSeconds(30)).stream()
                .map(record -> new String(record.value(), StandardCharsets.UTF_8)).toList();
    }

    /** The envelope opened with the transit keys this agency sealed it with. */
    private EventEnvelope opened(EventEnvelope envelope) {
        if (!envelope.carriesPersonalData()) {
            return envelope;
        }
        return new EnvelopeSealing().open(envelope, id -> transitKeys.find(id).flatMap(TransitKeyStore.Stored::key)
                .map(TransitKey::secret));
    }

    @Autowired
    TransitKeyStore transitKeys;

    /** The access record opened as the audit service opens it (the demo's audit key). */
    private EventEnvelope openedRecord(ConsumerRecord<String, byte[]> record) {
        return openedRecord(CODEC.decode(record.value()));
    }

    private EventEnvelope openedRecord(EventEnvelope envelope) {
        return AuditSealing.isSealed(envelope) ? new AuditSealing().open(envelope, AuditSealingKeys.demo()::privateKey)
                : envelope;
    }

    private static boolean placementWithheld(EventEnvelope record) {
        return "WITHHOLD".equals(record.payload().path("action").asText())
                && "FUNDING_DECISION".equals(record.payload().path("purpose").asText())
                && "not sent to MUNICIPALITY: no active consent covers EMPLOYMENT"
                        .equals(record.payload().path("reason").asText());
    }

    private static List<String> steps(List<EventEnvelope> envelopes) {
        return envelopes.stream().filter(e -> e.type().equals("TrajectoryStep"))
                .map(e -> e.payload().path("step").asText()).toList();
    }

    private List<EventEnvelope> await(String topic, String clientId, Predicate<List<EventEnvelope>> done) {
        return awaitRecords(topic, clientId, done).stream().map(r -> CODEC.decode(r.value())).toList();
    }

    /** The records under a key (a client, on ips.status a pseudonym) read from the topic's start until {@code done}. */
    private List<ConsumerRecord<String, byte[]>> awaitRecords(String topic, String key,
                                                             Predicate<List<EventEnvelope>> done) {
        return awaitRecords(topic, record -> key.equals(record.key()), done);
    }

    /** The records on the topic that {@code about} picks, read from its start until {@code done} holds for them. */
    private List<ConsumerRecord<String, byte[]>> awaitRecords(String topic,
                                                             Predicate<ConsumerRecord<String, byte[]>> about,
                                                             Predicate<List<EventEnvelope>> done) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                TestInfrastructure.get().kafkaAdmin().with(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, "relay-check-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 60_000;
            while (System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (about.test(record)) {
                        seen.add(record);
                    }
                }
                if (done.test(seen.stream().map(r -> CODEC.decode(r.value())).toList())) {
                    return seen;
                }
            }
            throw new AssertionError("not seen on " + topic + " for the client within a minute: " + seen.size()
                    + " records");
        }
    }
}
