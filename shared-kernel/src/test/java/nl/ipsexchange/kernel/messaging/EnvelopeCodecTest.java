package nl.ipsexchange.kernel.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.BenefitType;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.audit.AccessAction;
import nl.ipsexchange.kernel.audit.AccessOutcome;
import nl.ipsexchange.kernel.audit.AccessRecordedEvent;
import nl.ipsexchange.kernel.funding.FundingApplicationSubmittedEvent;
import nl.ipsexchange.kernel.funding.FundingDecidedEvent;
import nl.ipsexchange.kernel.funding.FundingDecisionReason;
import nl.ipsexchange.kernel.funding.PaymentLineStatus;
import nl.ipsexchange.kernel.funding.PaymentLineUpdatedEvent;
import nl.ipsexchange.kernel.meeting.MeetingDecisionSharedEvent;
import nl.ipsexchange.kernel.funding.PaymentType;
import nl.ipsexchange.kernel.sharing.InformationRequestAnsweredEvent;
import nl.ipsexchange.kernel.sharing.InformationRequestAnsweredEvent.Reason;
import nl.ipsexchange.kernel.status.ClientRegisteredStatusEvent;
import nl.ipsexchange.kernel.status.FundingStepStatusEvent;
import nl.ipsexchange.kernel.status.TrajectoryStepStatusEvent;

class EnvelopeCodecTest {

    private final EnvelopeCodec codec = new EnvelopeCodec();

    @Test
    void anEnvelopeSurvivesTheWireWithAllItsFields() {
        UUID eventId = UUID.randomUUID();
        UUID consentId = UUID.randomUUID();
        ConsentReference consent = new ConsentReference(consentId, Purpose.FUNDING_DECISION,
                Set.of(DataCategory.IDENTIFICATION, DataCategory.EMPLOYMENT));
        ClientRegisteredStatusEvent event =
                new ClientRegisteredStatusEvent("client-1", Agency.MENTAL_HEALTH, LocalDate.of(2026, 3, 1));

        EventEnvelope sent = codec.wrap(eventId, Agency.MENTAL_HEALTH, Instant.parse("2026-03-01T10:15:30Z"),
                consent, event);
        EventEnvelope received = codec.decode(codec.encode(sent));

        assertThat(received).isEqualTo(sent);
        assertThat(received.type()).isEqualTo("ClientRegistered");
        assertThat(received.schemaVersion()).isEqualTo(2);
        assertThat(received.subject()).isEqualTo("client-1");
        assertThat(received.consent().categories())
                .containsExactlyInAnyOrder(DataCategory.IDENTIFICATION, DataCategory.EMPLOYMENT);
        assertThat(codec.payload(received)).isEqualTo(event);
    }

    /**
     * The funders' decisions (revision 2: an approval names its covenant version, ADR 48) and payment lines
     * (revision 1) back to the mental health agency (ADR 46).
     */
    @Test
    void aFundersDecisionAndALineChangeSurviveTheWireUnderTheTrajectory() {
        FundingDecidedEvent decided = new FundingDecidedEvent("t-1", Agency.MUNICIPALITY, 4,
                FundingDecidedEvent.Decision.APPROVAL_REFUSED, null, LocalDate.of(2026, 3, 2),
                FundingDecisionReason.FIDELITY_BELOW_FAIR);
        FundingDecidedEvent approved = new FundingDecidedEvent("t-1", Agency.MUNICIPALITY, 5,
                FundingDecidedEvent.Decision.APPROVED, LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 2), null,
                "2027.1");
        PaymentLineUpdatedEvent line = new PaymentLineUpdatedEvent("t-1", Agency.BENEFITS, "t-1:START", 5,
                PaymentLineStatus.SCHEDULED, PaymentType.START, new BigDecimal("2420.00"), LocalDate.of(2026, 3, 2));

        for (IntegrationEvent event : List.of(decided, approved, line)) {
            EventEnvelope received = codec.decode(codec.encode(codec.wrap(UUID.randomUUID(), Agency.MUNICIPALITY,
                    Instant.parse("2026-03-02T10:15:30Z"), null, event)));
            assertThat(received.schemaVersion()).isEqualTo(event instanceof FundingDecidedEvent ? 2 : 1);
            assertThat(received.subject()).isEqualTo("t-1");
            // the payload's tree keeps a number's value, not its scale
            assertThat(codec.payload(received)).usingRecursiveComparison()
                    .withComparatorForType(BigDecimal::compareTo, BigDecimal.class).isEqualTo(event);
        }
        assertThat(IntegrationEventCatalog.standard().classOf("FundingDecided")).contains(FundingDecidedEvent.class);
        assertThat(IntegrationEventCatalog.standard().classOf("PaymentLineUpdated"))
                .contains(PaymentLineUpdatedEvent.class);
    }

    /** A meeting decision, revision 1 (ADR 49): one category, under the client, so it is sealed whole. */
    @Test
    void aMeetingDecisionSurvivesTheWireUnderTheClient() {
        MeetingDecisionSharedEvent decision = new MeetingDecisionSharedEvent("d-1", Agency.MUNICIPALITY,
                LocalDate.of(2026, 3, 5), "client-1", "t-1", "t-1", MeetingDecisionSharedEvent.Kind.FUNDING_QUALIFICATION,
                true, null, null, null, "municipality.case-manager");

        EventEnvelope received = codec.decode(codec.encode(codec.wrap(UUID.randomUUID(), Agency.MUNICIPALITY,
                Instant.parse("2026-03-05T10:15:30Z"), null, decision)));

        assertThat(received.type()).isEqualTo("MeetingDecisionShared");
        assertThat(received.schemaVersion()).isEqualTo(1);
        assertThat(received.subject()).isEqualTo("client-1");
        assertThat(codec.payload(received)).isEqualTo(decision);
    }

    @Test
    void aStoredVersionOneMessageStillReads() throws IOException {
        EventEnvelope stored = codec.decode(resource("stored-events/ClientRegistered-v1.json"));

        assertThat(codec.payload(stored)).isEqualTo(
                new ClientRegisteredStatusEvent("0b8d8f7e-4a55-4f4e-9d0b-9f7d7c3f2a11", Agency.MENTAL_HEALTH,
                        LocalDate.of(2026, 3, 1)));
    }

    @Test
    void aStoredVersionOneFundingDecisionReadsAsOneThatNamesNoCovenantVersion() throws IOException {
        EventEnvelope stored = codec.decode(resource("stored-events/FundingDecided-v1.json"));

        assertThat(codec.payload(stored)).isEqualTo(new FundingDecidedEvent("7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d",
                Agency.MUNICIPALITY, 3, FundingDecidedEvent.Decision.APPROVED, LocalDate.of(2026, 12, 1),
                LocalDate.of(2026, 12, 3), null, null));
    }

    @Test
    void aStoredVersionOneFundingApplicationReadsAsOneOfNoKnownTeam() throws IOException {
        EventEnvelope stored = codec.decode(resource("stored-events/FundingApplicationSubmitted-v1.json"));

        assertThat(codec.payload(stored)).isEqualTo(new FundingApplicationSubmittedEvent(
                "7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d", "0b8d8f7e-4a55-4f4e-9d0b-9f7d7c3f2a11",
                BenefitType.SOCIAL_ASSISTANCE, LocalDate.of(2026, 10, 1), LocalDate.of(2026, 11, 30), null));
    }

    @Test
    void aFundingApplicationCarriesItsTeamAcrossTheWire() {
        FundingApplicationSubmittedEvent application = new FundingApplicationSubmittedEvent("t-1", "c-1",
                BenefitType.DISABILITY, LocalDate.of(2026, 10, 1), LocalDate.of(2026, 11, 30),
                "IPS team Zuid");

        EventEnvelope received = codec.decode(codec.encode(codec.wrap(UUID.randomUUID(), Agency.MENTAL_HEALTH,
                Instant.parse("2026-11-30T14:06:00Z"), null, application)));

        assertThat(received.schemaVersion()).isEqualTo(2);
        assertThat(codec.payload(received)).isEqualTo(application);
    }

    @Test
    void storedStatusEventsOfEveryOlderVersionReadWithTheirIdsAsSentAndNoClientIdInASteps() throws IOException {
        String trajectory = "5f0c1d2e-3a4b-4c5d-8e6f-7a8b9c0d1e2f";

        assertThat(codec.payload(codec.decode(resource("stored-events/TrajectoryStep-v1.json")))).isEqualTo(
                new TrajectoryStepStatusEvent(trajectory, TrajectoryStepStatusEvent.Step.REFERRED,
                        LocalDate.of(2026, 11, 21), null, null, null, null));
        assertThat(codec.payload(codec.decode(resource("stored-events/TrajectoryStep-v2.json")))).isEqualTo(
                new TrajectoryStepStatusEvent(trajectory, TrajectoryStepStatusEvent.Step.PLACEMENT_STARTED,
                        LocalDate.of(2026, 12, 1), true, null, null, "mha.specialist"));
        assertThat(codec.payload(codec.decode(resource("stored-events/FundingStep-v1.json")))).usingRecursiveComparison()
                .withComparatorForType(BigDecimal::compareTo, BigDecimal.class).isEqualTo(
                new FundingStepStatusEvent(trajectory, Agency.MUNICIPALITY, FundingStepStatusEvent.Step.PAYMENT_SCHEDULED,
                        LocalDate.of(2027, 3, 1), PaymentType.THREE_MONTHS, new BigDecimal("1250.00")));
    }

    @Test
    void aStatusEventOfTheCurrentVersionNamesItsSubjectByThePseudonymItCarries() {
        EventEnvelope step = codec.wrap(UUID.randomUUID(), Agency.MENTAL_HEALTH, Instant.now(), null,
                new TrajectoryStepStatusEvent("pseudonym-t", TrajectoryStepStatusEvent.Step.CLOSED,
                        LocalDate.of(2026, 12, 3), null, null, null, null));

        assertThat(step.subject()).isEqualTo("pseudonym-t");
        assertThat(step.schemaVersion()).isEqualTo(3);
        assertThat(step.payload().has("trajectoryId")).isFalse();
        assertThat(step.payload().has("clientId")).isFalse();
    }

    @Test
    void aStoredVersionOneAccessRecordReadsWithItsOneConsentAsTheListOfConsents() throws IOException {
        EventEnvelope stored = codec.decode(resource("stored-events/AccessRecorded-v1.json"));

        assertThat(codec.payload(stored)).isEqualTo(new AccessRecordedEvent(
                UUID.fromString("7d2e5b10-93a4-4c1e-b6f2-2a9c0e4d8b31"), Instant.parse("2026-11-30T14:05:12.345678Z"),
                "BENEFITS", "benefits.physician", "INSURANCE_PHYSICIAN", "0b8d8f7e-4a55-4f4e-9d0b-9f7d7c3f2a11",
                Set.of(DataCategory.HEALTH_SUMMARY), AccessAction.VIEW, Purpose.FUNDING_DECISION,
                List.of(UUID.fromString("3f6a9c21-5b7d-4e8f-a0b1-c2d3e4f5a6b7")), AccessOutcome.PERMITTED, null));
    }

    @Test
    void aStoredVersionOneAccessRecordWithoutAConsentReadsWithNone() throws IOException {
        EventEnvelope stored = codec.decode(resource("stored-events/AccessRecorded-v1-without-consent.json"));

        AccessRecordedEvent record = (AccessRecordedEvent) codec.payload(stored);
        assertThat(record.consentIds()).isEmpty();
        assertThat(record.action()).isEqualTo(AccessAction.WITHHOLD);
        assertThat(record.reason()).isEqualTo("not sent to MUNICIPALITY: no active consent names it");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(nullValues = "none", value = {
            "denied, OTHER", "unknown, UNKNOWN_CLIENT", "consent-required, NOT_COVERED_BY_CONSENT", "granted, none"})
    void aStoredVersionOneAnswerReadsWithItsCodedReasonAndWithoutTheClinicianWords(String stored, Reason expected)
            throws IOException {
        InformationRequestAnsweredEvent answer = (InformationRequestAnsweredEvent) codec.payload(
                codec.decode(resource("stored-events/InformationRequestAnswered-v1-" + stored + ".json")));

        assertThat(answer.reason()).isEqualTo(expected);
        assertThat(answer.requestId()).isEqualTo("9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4");
        assertThat(codec.encode(codec.wrap(UUID.randomUUID(), Agency.MENTAL_HEALTH, Instant.now(), null, answer)))
                .asString(StandardCharsets.UTF_8).as("passed on, the words are gone")
                .doesNotContain("psychosis", "no client with this id", "does not cover");
    }

    @Test
    void anAccessRecordNamesEveryConsentOnceInOrderAcrossTheWire() {
        UUID first = UUID.fromString("00000000-0000-4000-8000-000000000001");
        UUID second = UUID.fromString("00000000-0000-4000-8000-000000000002");
        AccessRecordedEvent record = new AccessRecordedEvent(UUID.randomUUID(), Instant.parse("2026-12-07T10:00:00Z"),
                "BENEFITS", "benefits.physician", "INSURANCE_PHYSICIAN", "client-2",
                Set.of(DataCategory.HEALTH_SUMMARY, DataCategory.DIAGNOSIS), AccessAction.VIEW,
                Purpose.FUNDING_DECISION, List.of(second, first, second), AccessOutcome.PERMITTED, null);

        EventEnvelope received = codec.decode(codec.encode(codec.wrap(record.recordId(), Agency.BENEFITS,
                record.time(), null, record)));

        assertThat(received.schemaVersion()).isEqualTo(2);
        assertThat(((AccessRecordedEvent) codec.payload(received)).consentIds()).containsExactly(first, second);
    }

    @Test
    void garbageIsMalformedAndTheMessageDoesNotQuoteIt() {
        assertThatThrownBy(() -> codec.decode("{\"eventId\":\"secret-diagnosis\"".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageNotContaining("secret-diagnosis");
        assertThatThrownBy(() -> codec.decode(new byte[0])).isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void anEnvelopeWithoutRequiredFieldsIsMalformed() {
        String withoutSubject = """
                {"eventId":"%s","type":"ClientRegistered","schemaVersion":1,"sourceAgency":"MENTAL_HEALTH",
                 "occurredAt":"2026-03-01T10:15:30Z","payload":{}}""".formatted(UUID.randomUUID());
        assertThatThrownBy(() -> codec.decode(withoutSubject.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void anUnknownTypeOrANewerVersionIsMalformed() {
        EventEnvelope unknown = new EventEnvelope(UUID.randomUUID(), "SomethingElse", 1, Agency.BENEFITS, "x",
                Instant.now(), null, codec.toJson(Map.of()));
        assertThatThrownBy(() -> codec.payload(unknown)).hasMessageContaining("unknown event type SomethingElse");

        EventEnvelope future = new EventEnvelope(UUID.randomUUID(), "ClientRegistered", 7, Agency.BENEFITS, "x",
                Instant.now(), null, codec.toJson(Map.of()));
        assertThatThrownBy(() -> codec.payload(future)).hasMessageContaining("newer than this service knows");
    }

    @Test
    void olderVersionsAreUpcastStepByStepToTheCurrentOne() {
        IntegrationEventUpcaster oneToTwo = upcaster(1, payload -> payload.put("registeredAt", "MENTAL_HEALTH"));
        IntegrationEventUpcaster twoToThree = upcaster(2, payload -> payload.set("registeredOn",
                payload.remove("date")));
        EnvelopeCodec versioned = new EnvelopeCodec(
                new IntegrationEventCatalog(List.of(RegisteredV3.class), List.of(oneToTwo, twoToThree)));
        ObjectNode v1 = (ObjectNode) codec.toJson(Map.of("clientId", "c-9", "date", "2025-12-31"));

        IntegrationEvent upcast = versioned.payload(new EventEnvelope(UUID.randomUUID(), "Registered", 1,
                Agency.MENTAL_HEALTH, "c-9", Instant.now(), null, v1));

        assertThat(upcast).isEqualTo(new RegisteredV3("c-9", Agency.MENTAL_HEALTH, LocalDate.of(2025, 12, 31)));
    }

    @IntegrationEventType("Registered")
    @Revision("3")
    record RegisteredV3(String clientId, Agency registeredAt, LocalDate registeredOn) implements IntegrationEvent {
        @Override
        public String subject() {
            return clientId;
        }
    }

    private static IntegrationEventUpcaster upcaster(int from, Consumer<ObjectNode> change) {
        return new IntegrationEventUpcaster() {
            @Override
            public String type() {
                return "Registered";
            }

            @Override
            public int fromVersion() {
                return from;
            }

            @Override
            public ObjectNode upcast(ObjectNode payload) {
                change.accept(payload);
                return payload;
            }
        };
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = EnvelopeCodecTest.class.getClassLoader().getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }
}
