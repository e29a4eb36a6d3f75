package nl.ipsexchange.stack;

import static nl.ipsexchange.stack.FiveServices.await;
import static nl.ipsexchange.stack.ServiceDefinition.BENEFITS_AGENCY;
import static nl.ipsexchange.stack.ServiceDefinition.INSURER;
import static nl.ipsexchange.stack.ServiceDefinition.MENTAL_HEALTH_AGENCY;
import static nl.ipsexchange.stack.ServiceDefinition.MUNICIPALITY;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;

import com.fasterxml.jackson.databind.JsonNode;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.Topics;
import nl.ipsexchange.kernel.messaging.EnvelopeCodec;
import nl.ipsexchange.kernel.messaging.EventEnvelope;
import nl.ipsexchange.kernel.messaging.sealing.AuditSealing;
import nl.ipsexchange.platform.audit.AccessRecordRelay;
import nl.ipsexchange.platform.audit.AuditSealingKeys;
import nl.ipsexchange.platform.axon.AxonProcessingConfiguration;
import nl.ipsexchange.testsupport.ApiClient;
import nl.ipsexchange.testsupport.TestBsns;
import nl.ipsexchange.testsupport.TopicReader;

/**
 * Issue 3's scenario with the real services, broker and databases: a client consents to the benefits agency
 * receiving IDENTIFICATION and EMPLOYMENT for FUNDING_DECISION, not HEALTH_SUMMARY.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedFiveServices.class)
class ConsentGatedSharingEndToEndTest {

    private final FiveServices services;
    private final EnvelopeCodec codec = new EnvelopeCodec();

    ConsentGatedSharingEndToEndTest(FiveServices services) {
        this.services = services;
    }

    /** A client with health data, employment data and a consent for the benefits agency. */
    private record Client(String id, String name, String bsn, String healthMarker, String jobMarker,
                          String consentId) {
    }

    @Test
    void onlyConsentedCategoriesReachTheBenefitsAgencyAndHealthReadsThereAreRefusedAndRecorded() {
        Client client = clientWithConsent(TestBsns.random());
        ApiClient labourExpert = services.as(BENEFITS_AGENCY, "benefits.labour-expert");

        ApiClient.Response shown = awaitShown(labourExpert, client);
        assertThat(shown.json().at("/identification/name").asText()).isEqualTo(client.name());
        assertThat(shown.json().at("/identification/bsn").asText()).isEqualTo(client.bsn());
        assertThat(shown.json().at("/employment/jobPreferences").asText()).isEqualTo(client.jobMarker());
        assertThat(shown.json().has("healthSummary")).isFalse();
        assertThat(shown.json().has("benefits")).as("BENEFITS was not consented either").isFalse();

        // the raw inbox records: no health field at all, not even empty
        List<ConsumerRecord<String, byte[]>> inbox = services.records(Topics.inbox(
                Agency.BENEFITS), client.id());
        assertThat(inbox).isNotEmpty();
        for (ConsumerRecord<String, byte[]> record : inbox) {
            String raw = new String(record.value(), StandardCharsets.UTF_8);
            assertThat(raw).doesNotContain(client.healthMarker(), "healthSummary", "diagnosis", "treatment");
        }
        assertThat(inbox).extracting(r -> codec.decode(r.value()).type())
                .contains("ConsentGranted", "ClientDataShared");
        assertThat(services.records(Topics.inbox(Agency.MUNICIPALITY), client.id()))
                .as("the municipality has no consent: nothing is sent there").isEmpty();

        // the insurance physician may read health data by role, but the consent does not cover it
        ApiClient.Response refused = services.as(BENEFITS_AGENCY, "benefits.physician")
                .get("/api/clients/" + client.id() + "/health/HEALTH_SUMMARY");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.isProblem()).isTrue();
        assertThat(refused.json().get("detail").asText()).contains("No active consent");
        assertThat(refused.body()).doesNotContain(client.healthMarker());
        // the labour expert may not read health data at all (need to know)
        assertThat(labourExpert.get("/api/clients/" + client.id() + "/health/HEALTH_SUMMARY").status())
                .isEqualTo(403);

        // polls before the data arrived are refused reads too (of no category): wait for the two health reads
        List<JsonNode> records = awaitAccessRecords(client.id(), 2, "BENEFITS", "VIEW", "DENIED",
                record -> record.get("categories").toString().contains("HEALTH_SUMMARY"));
        assertThat(records).extracting(r -> r.get("userId").asText())
                .contains("benefits.physician", "benefits.labour-expert");
        assertThat(records).extracting(r -> r.get("role").asText()).contains("INSURANCE_PHYSICIAN");
        // the withheld health summary: records of other withheld categories may come first (three audit partitions)
        assertThat(awaitAccessRecords(client.id(), 1, "MENTAL_HEALTH", "WITHHOLD", "DENIED",
                record -> record.get("categories").toString().contains("HEALTH_SUMMARY"))).isNotEmpty();
        assertThat(awaitAccessRecords(client.id(), 1, "BENEFITS", "RECEIVE", "PERMITTED")).isNotEmpty();

        // the audit service keeps the trail: the refused health read, with who, role, agency, category, purpose
        ApiClient auditor = services.as(ServiceDefinition.AUDIT, "audit.auditor");
        await(() -> auditor.get("/api/access-records?clientId=" + client.id() + "&userId=benefits.physician")
                .json().size() >= 1, "the refused read is in the audit trail");
        JsonNode trail = auditor.get("/api/access-records?clientId=" + client.id() + "&userId=benefits.physician")
                .json().get(0);
        assertThat(trail.get("agency").asText()).isEqualTo("BENEFITS");
        assertThat(trail.get("role").asText()).isEqualTo("INSURANCE_PHYSICIAN");
        assertThat(trail.get("action").asText()).isEqualTo("VIEW");
        assertThat(trail.get("outcome").asText()).isEqualTo("DENIED");
        assertThat(trail.get("purpose").asText()).isEqualTo("FUNDING_DECISION");
        assertThat(trail.get("categories").toString()).contains("HEALTH_SUMMARY");
        assertThat(trail.toString()).doesNotContain(client.healthMarker());
        assertThat(services.as(BENEFITS_AGENCY, "benefits.manager").get("/api/clients/" + client.id()).status())
                .as("decision makers see no identifying data").isEqualTo(403);

        // the mental health agency's own event store holds the health text only encrypted
        assertThat(services.tablesContaining(MENTAL_HEALTH_AGENCY, client.healthMarker())).isEmpty();
        assertThat(services.tablesContaining(MUNICIPALITY, client.name())).isEmpty();
    }

    @Test
    void afterRevocationEveryReadAtEveryRecipientIsRefusedTheDataIsGoneAndNeitherARedeliveryNorAReplayBringsItBack()
            throws Exception {
        Client client = clientWithBroadConsent(TestBsns.random());
        ApiClient labourExpert = services.as(BENEFITS_AGENCY, "benefits.labour-expert");
        // the client applies for funding at the benefits agency: it is on that agency's meeting agenda
        String trajectory = applyForFunding(client);
        await(() -> labourExpert.get("/api/funding-applications").body().contains(trajectory),
                "the benefits agency received the funding application");
        for (Recipient recipient : RECIPIENTS) {
            awaitShown(services.as(recipient.service(), recipient.reader()), client);
            if (recipient.healthReader() != null) {
                ApiClient.Response health = services.as(recipient.service(), recipient.healthReader())
                        .get("/api/clients/" + client.id() + "/health/HEALTH_SUMMARY");
                assertThat(health.status()).as(recipient + " " + health.body()).isEqualTo(200);
                assertThat(health.json().get("text").asText()).isEqualTo(client.healthMarker());
            }
        }
        await(() -> labourExpert.get("/api/meetings/next").body().contains(client.name()),
                "the meeting agenda shows the applicant under the consent for case review");

        // what each recipient stores of the client before the revocation: ciphertexts (never the plaintext) and key
        List<byte[]> plaintext = List.of(utf8(client.name()), utf8(client.bsn()), utf8(client.jobMarker()),
                utf8(client.healthMarker()));
        Map<ServiceDefinition, List<byte[]>> stored = new LinkedHashMap<>();
        for (Recipient recipient : RECIPIENTS) {
            ServiceDefinition service = recipient.service();
            assertThat(columnsContaining(service, plaintext)).as(service + ": stored encrypted, never in the clear")
                    .isEmpty();
            List<byte[]> copies = storedCopiesOf(service, client.id());
            assertThat(columnsContaining(service, copies)).as(service + ": the search finds what is stored")
                    .contains("shared_client_data.ciphertext", "client_data_key.data_key");
            stored.put(service, copies);
        }
        assertThat(stored.get(BENEFITS_AGENCY)).as("ciphertexts of four categories, their raw bytes, the key")
                .hasSizeGreaterThanOrEqualTo(2 * 4 + 2);
        byte[] sharedMessage = services.records(Topics.inbox(Agency.BENEFITS), client.id())
                .stream().map(ConsumerRecord::value)
                .filter(v -> codec.decode(v).type().equals("ClientDataShared")).findFirst().orElseThrow();

        long revocationMillis = revokeAndMeasure(client, labourExpert);
        assertThat(revocationMillis).isPositive();

        for (Recipient recipient : RECIPIENTS) {
            await(() -> services.count(recipient.service(), "select count(*) from shared_client_data where client_id"
                    + " = '" + client.id() + "'") == 0, recipient + " deleted the received data");
            awaitAccessRecords(client.id(), 1, recipient.agency(), "ERASE", "PERMITTED");
        }
        assertEveryReadRefusedAndNothingLeft(client, stored, plaintext);

        // replay the old message into the inbox as a new delivery: refused, recorded, nothing stored
        EventEnvelope old = codec.decode(sharedMessage);
        EventEnvelope replayed = new EventEnvelope(UUID.randomUUID(), old.type(), old.schemaVersion(),
                old.sourceAgency(), old.subject(), old.occurredAt(), old.consent(), old.payload());
        // signed as the mental health agency signs: what is tested here is the consent check at the recipient, which
        // holds even for a message its source did sign
        try (KafkaProducer<String, byte[]> producer = services.producer()) {
            producer.send(FiveServices.signed(Agency.MENTAL_HEALTH, Topics.inbox(Agency.BENEFITS), client.id(),
                    sharedMessage)).get(10, TimeUnit.SECONDS);
            producer.send(FiveServices.signed(Agency.MENTAL_HEALTH, Topics.inbox(Agency.BENEFITS), client.id(),
                    codec.encode(replayed))).get(10, TimeUnit.SECONDS);
        }
        awaitAccessRecords(client.id(), 1, "BENEFITS", "RECEIVE", "DENIED");
        assertThat(services.count(BENEFITS_AGENCY, "select count(*) from shared_client_data where client_id = '"
                + client.id() + "'")).isZero();
        assertThat(labourExpert.get("/api/clients/" + client.id()).status()).isEqualTo(403);

        // a replay of each recipient's event store: every streaming processor reset to the start and run to the end.
        // The shared data was never event-sourced at a recipient (the Kafka consumer writes shared_client_data and
        // its key table directly, and deletes them on revocation); the event store holds access records, funding,
        // meeting and information-request events, which the search above found free of the client's data. The
        // subscribing processors (funding, meeting) cannot be reset; they handle only this service's own commands.
        for (Recipient recipient : RECIPIENTS) {
            assertThat(replayEventStore(recipient.service())).as(recipient + ": the processors replayed")
                    .contains(AxonProcessingConfiguration.INTEGRATION_PUBLISHER,
                            AccessRecordRelay.PROCESSING_GROUP);
        }
        assertEveryReadRefusedAndNothingLeft(client, stored, plaintext);
    }

    @Test
    void aReadAndADisclosureCoveredByTwoConsentsNameBothInTheAuditTrail() {
        ApiClient clinician = services.as(MENTAL_HEALTH_AGENCY, "mha.clinician");
        String id = clinician.post("/api/clients", """
                {"name":"Client T","bsn":"100000381","dateOfBirth":"1976-06-06","benefit":"DISABILITY",
                 "municipality":"Ede"}""").json().get("clientId").asText();
        assertThat(clinician.put("/api/clients/" + id + "/health/HEALTH_SUMMARY", "{\"text\":\"tires easily\"}")
                .status()).isEqualTo(204);
        assertThat(clinician.put("/api/clients/" + id + "/health/DIAGNOSIS", "{\"text\":\"F33.1\"}").status())
                .isEqualTo(204);
        String summaryConsent = consentTo(clinician, id, "\"IDENTIFICATION\",\"HEALTH_SUMMARY\"");
        String diagnosisConsent = consentTo(clinician, id, "\"DIAGNOSIS\"");
        List<String> both = new ArrayList<>(List.of(summaryConsent, diagnosisConsent));
        both.sort(Comparator.comparing(UUID::fromString));

        ApiClient physician = services.as(BENEFITS_AGENCY, "benefits.physician");
        ApiClient.Response[] read = new ApiClient.Response[1];
        await(() -> (read[0] = physician.get("/api/clients/" + id)).status() == 200
                && read[0].json().has("healthSummary") && read[0].json().has("diagnosis"),
                "the physician reads both health categories, each under its own consent");

        ApiClient auditor = services.as(ServiceDefinition.AUDIT, "audit.auditor");
        JsonNode[] view = new JsonNode[1];
        JsonNode[] disclosure = new JsonNode[1];
        await(() -> {
            for (JsonNode record : auditor.get("/api/access-records?clientId=" + id).json()) {
                boolean healthCategories = record.get("categories").toString().contains("DIAGNOSIS")
                        && record.get("categories").toString().contains("HEALTH_SUMMARY");
                if (healthCategories && record.get("action").asText().equals("VIEW")
                        && record.get("userId").asText().equals("benefits.physician")) {
                    view[0] = record;
                }
                if (healthCategories && record.get("action").asText().equals("DISCLOSE")) {
                    disclosure[0] = record;
                }
            }
            return view[0] != null && disclosure[0] != null;
        }, "the read and the disclosure of both categories are in the audit trail");
        for (JsonNode record : List.of(view[0], disclosure[0])) {
            assertThat(record.get("consentIds")).as(record.toString()).extracting(JsonNode::asText)
                    .containsExactlyElementsOf(both);
            assertThat(record.get("consentId").asText()).as("the documented field: the first").isEqualTo(
                    both.get(0));
        }
        assertThat(auditor.get("/api/access-records/verification").json().get("intact").asBoolean()).isTrue();
    }

    private static String consentTo(ApiClient clinician, String clientId, String categories) {
        ApiClient.Response given = clinician.post("/api/clients/" + clientId + "/consents", """
                {"recipients":["BENEFITS"],"categories":[%s],"purposes":["FUNDING_DECISION"],
                 "validFrom":"%s","validUntil":"%s"}""".formatted(categories, FiveServices.today(),
                FiveServices.today().plusDays(30)));
        assertThat(given.status()).as(given.body()).isEqualTo(201);
        return given.json().get("consentId").asText();
    }

    @Test
    void aPermittedHealthReadByTheInsurancePhysicianReachesTheAuditTrail() {
        ApiClient clinician = services.as(MENTAL_HEALTH_AGENCY, "mha.clinician");
        String id = clinician.post("/api/clients", """
                {"name":"Client H","bsn":"%s","dateOfBirth":"1975-05-05","benefit":"DISABILITY",
                 "municipality":"Ede"}""".formatted(TestBsns.random())).json().get("clientId").asText();
        String marker = "fatigue-after-four-hours-" + UUID.randomUUID();
        assertThat(clinician.put("/api/clients/" + id + "/health/HEALTH_SUMMARY", "{\"text\":\"" + marker + "\"}")
                .status()).isEqualTo(204);
        String consentId = clinician.post("/api/clients/" + id + "/consents", """
                {"recipients":["BENEFITS"],"categories":["IDENTIFICATION","HEALTH_SUMMARY"],
                 "purposes":["FUNDING_DECISION"],"validFrom":"%s","validUntil":"%s"}"""
                .formatted(FiveServices.today(), FiveServices.today().plusDays(30))).json().get("consentId").asText();
        ApiClient physician = services.as(BENEFITS_AGENCY, "benefits.physician");
        ApiClient.Response[] read = new ApiClient.Response[1];
        await(() -> (read[0] = physician.get("/api/clients/" + id + "/health/HEALTH_SUMMARY")).status() == 200,
                "the physician can read the consented health summary");
        assertThat(read[0].json().get("text").asText()).isEqualTo(marker);

        ApiClient auditor = services.as(ServiceDefinition.AUDIT, "audit.auditor");
        JsonNode[] seen = new JsonNode[1];
        await(() -> {
            for (JsonNode record : auditor.get("/api/access-records?clientId=" + id + "&userId=benefits.physician")
                    .json()) {
                if (record.get("outcome").asText().equals("PERMITTED")) {
                    seen[0] = record;
                    return true;
                }
            }
            return false;
        }, "the permitted read is in the audit trail");
        JsonNode record = seen[0];
        assertThat(record.get("agency").asText()).isEqualTo("BENEFITS");
        assertThat(record.get("role").asText()).isEqualTo("INSURANCE_PHYSICIAN");
        assertThat(record.get("action").asText()).isEqualTo("VIEW");
        assertThat(record.get("purpose").asText()).isEqualTo("FUNDING_DECISION");
        assertThat(record.get("consentId").asText()).isEqualTo(consentId);
        assertThat(record.get("categories").toString()).contains("HEALTH_SUMMARY");
        assertThat(record.toString()).doesNotContain(marker);
        assertThat(auditor.get("/api/access-records/verification").json().get("intact").asBoolean()).isTrue();
        ApiClient.Response fhirExport = auditor.get("/fhir/AuditEvent?patient=" + id, "application/fhir+json");
        assertThat(fhirExport.status()).as(fhirExport.body()).isEqualTo(200);
        assertThat(fhirExport.body())
                .contains("\"resourceType\": \"Bundle\"", "Patient/" + id).doesNotContain(marker);
        // the running service's export, validated by HAPI against R4 as the audit service's own test does
        assertThat(fhirValidationErrors(fhirExport.body())).isEmpty();
        Bundle bundle = FhirContext.forR4Cached().newJsonParser()
                .parseResource(Bundle.class, fhirExport.body());
        AuditEvent audited = bundle.getEntry().stream()
                .filter(e -> e.getFullUrl().equals("urn:uuid:" + record.get("recordId").asText()))
                .map(e -> (AuditEvent) e.getResource()).findFirst()
                .orElseThrow(() -> new AssertionError("the permitted read is not in the FHIR export"));
        assertThat(audited.getType().getCode()).isEqualTo("rest");
        assertThat(audited.getSubtypeFirstRep().getCode()).isEqualTo("read");
        assertThat(audited.getAction()).isEqualTo(AuditEvent.AuditEventAction.R);
        assertThat(audited.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._0);
        AuditEvent.AuditEventAgentComponent user = audited.getAgentFirstRep();
        assertThat(user.getRequestor()).isTrue();
        assertThat(user.getWho().getIdentifier().getValue()).isEqualTo("benefits.physician");
        assertThat(user.getRoleFirstRep().getCodingFirstRep().getCode()).isEqualTo("INSURANCE_PHYSICIAN");
        assertThat(user.getPurposeOfUseFirstRep().getCodingFirstRep().getCode()).isEqualTo("FUNDING_DECISION");
        assertThat(audited.getSource().getSite()).isEqualTo("BENEFITS");
        assertThat(audited.getEntity()).extracting(e -> e.getWhat().getReference())
                .containsExactlyInAnyOrder("Patient/" + id, "Consent/" + consentId);
        assertThat(audited.getEntityFirstRep().getSecurityLabel()).extracting(c -> c.getCode())
                .containsExactly("HEALTH_SUMMARY");
        assertThat(audited.getMeta().getProfile()).extracting(p -> p.getValue())
                .containsExactly("https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit.PatientRead");
    }

    @Test
    void anInformationRequestOutsideConsentIsAnsweredConsentRequiredAndAGrantSendsExactlyTheGrantedCategories() {
        Client client = clientWithConsent(TestBsns.random());
        ApiClient physician = services.as(BENEFITS_AGENCY, "benefits.physician");
        ApiClient clinician = services.as(MENTAL_HEALTH_AGENCY, "mha.clinician");
        awaitShown(services.as(BENEFITS_AGENCY, "benefits.labour-expert"), client);

        String first = physician.post("/api/information-requests", """
                {"clientId":"%s","categories":["HEALTH_SUMMARY"],"purpose":"FUNDING_DECISION"}"""
                .formatted(client.id())).json().get("requestId").asText();
        await(() -> clinician.get("/api/information-requests").body().contains(first), "the MHA has the request");
        ApiClient.Response decided = clinician.post("/api/information-requests/" + first + "/decision",
                "{\"outcome\":\"GRANTED\"}");
        assertThat(decided.json().get("outcome").asText()).as("outside the consent").isEqualTo("CONSENT_REQUIRED");
        await(() -> physician.get("/api/information-requests").body().contains("CONSENT_REQUIRED"),
                "the physician sees the answer");
        assertThat(physician.get("/api/clients/" + client.id() + "/health/HEALTH_SUMMARY").status()).isEqualTo(403);

        // the client consents to the health summary; a new request is granted and brings exactly that category
        assertThat(clinician.post("/api/clients/" + client.id() + "/consents", """
                {"recipients":["BENEFITS"],"categories":["HEALTH_SUMMARY"],"purposes":["FUNDING_DECISION"],
                 "validFrom":"%s","validUntil":"%s"}""".formatted(FiveServices.today(),
                FiveServices.today().plusDays(30))).status()).isEqualTo(201);
        String second = physician.post("/api/information-requests", """
                {"clientId":"%s","categories":["HEALTH_SUMMARY"],"purpose":"FUNDING_DECISION"}"""
                .formatted(client.id())).json().get("requestId").asText();
        await(() -> clinician.get("/api/information-requests").body().contains(second), "the MHA has request 2");
        // what reached the inbox before the grant (the new consent itself already shares what it covers)
        Set<UUID> beforeGrant = awaitInboxEventIds(client.id(), envelope -> envelope.type().equals("ClientDataShared")
                && envelope.consent().categories().contains(DataCategory.HEALTH_SUMMARY));
        assertThat(clinician.post("/api/information-requests/" + second + "/decision",
                "{\"outcome\":\"GRANTED\",\"categories\":[\"HEALTH_SUMMARY\"]}").json().get("outcome").asText())
                .isEqualTo("GRANTED");
        await(() -> physician.get("/api/clients/" + client.id() + "/health/HEALTH_SUMMARY").status() == 200,
                "the granted health summary arrived");
        assertThat(physician.get("/api/clients/" + client.id() + "/health/HEALTH_SUMMARY").json().get("text")
                .asText()).isEqualTo(client.healthMarker());
        // the grant's own message, raw on the requester's inbox: exactly the granted category, as a field; the
        // consented but not granted categories (IDENTIFICATION, EMPLOYMENT) and the rest are absent, not blanked
        List<ConsumerRecord<String, byte[]>> granted = awaitNewInboxRecords(client.id(), beforeGrant,
                "ClientDataShared");
        assertThat(granted).as("one message for the grant").hasSize(1);
        EventEnvelope grant = services.opened(BENEFITS_AGENCY, codec.decode(granted.get(0).value())).orElseThrow();
        assertThat(fieldNames(grant.payload())).containsExactlyInAnyOrder("clientId", "healthSummary");
        assertThat(grant.payload().get("healthSummary").asText()).isEqualTo(client.healthMarker());
        assertThat(grant.consent().categories()).containsExactly(DataCategory.HEALTH_SUMMARY);
        assertThat(grant.consent().purpose()).isEqualTo(Purpose.FUNDING_DECISION);
        assertThat(new String(granted.get(0).value(), StandardCharsets.UTF_8)).as("sealed on the wire")
                .doesNotContain(client.healthMarker(), "healthSummary", "identification", "employment", "benefits",
                        "diagnosis", "treatment", "IDENTIFICATION", "EMPLOYMENT", client.name(), client.bsn(),
                        client.jobMarker());
        assertThat(clinician.post("/api/information-requests/" + second + "/decision",
                "{\"outcome\":\"DENIED\",\"reason\":\"x\"}").status()).as("answered once").isEqualTo(409);
        assertThat(clinician.post("/api/information-requests/" + UUID.randomUUID() + "/decision",
                "{\"outcome\":\"MAYBE\"}").status()).isEqualTo(400);
    }

    @Test
    void anInformationRequestAboutAClientTheMentalHealthAgencyDoesNotHaveIsDeniedAtOnceAndQueuesNothing() {
        ApiClient physician = services.as(BENEFITS_AGENCY, "benefits.physician");
        ApiClient clinician = services.as(MENTAL_HEALTH_AGENCY, "mha.clinician");
        String nobody = UUID.randomUUID().toString();
        String request = physician.post("/api/information-requests", """
                {"clientId":"%s","categories":["HEALTH_SUMMARY"],"purpose":"FUNDING_DECISION"}"""
                .formatted(nobody)).json().get("requestId").asText();
        JsonNode answer = InformationRequestAnswers.awaitAnswer(physician, request);
        assertThat(answer.get("outcome").asText()).isEqualTo("DENIED");
        assertThat(answer.get("reason").asText()).isEqualTo("UNKNOWN_CLIENT");
        assertThat(clinician.get("/api/information-requests").body()).as("nothing for a clinician to decide")
                .doesNotContain(request);
        assertThat(clinician.get("/api/information-requests?all=true").body()).as("the answer is kept")
                .contains(request);
    }

    @Test
    void revocationLatencyIsMeasuredAndReported() throws IOException {
        List<Long> millis = new ArrayList<>();
        ApiClient labourExpert = services.as(BENEFITS_AGENCY, "benefits.labour-expert");
        String[] bsns = {TestBsns.random(), TestBsns.random(), TestBsns.random(), TestBsns.random(),
                TestBsns.random()};
        for (String bsn : bsns) {
            Client client = clientWithConsent(bsn);
            awaitShown(labourExpert, client);
            millis.add(revokeAndMeasure(client, labourExpert));
        }
        millis.sort(Long::compare);
        String report = String.format(Locale.ROOT,
                "revocation to refused read at the benefits agency, %d revocations: p50 %d ms, max %d ms, all %s%n",
                millis.size(), millis.get(millis.size() / 2), millis.get(millis.size() - 1), millis);
        System.out.print(report);
        Path out = Path.of("target", "revocation-latency.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        assertThat(millis).allMatch(m -> m > 0);
    }

    private long revokeAndMeasure(Client client, ApiClient labourExpert) {
        long start = System.nanoTime();
        ApiClient.Response revoked = services.as(MENTAL_HEALTH_AGENCY, "mha.clinician").post(
                "/api/clients/" + client.id() + "/consents/" + client.consentId() + "/revoke",
                "{\"reason\":\"the client withdrew consent\"}");
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        await(() -> labourExpert.get("/api/clients/" + client.id()).status() == 403,
                "the benefits agency refuses reads after the revocation");
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** A client with health and employment data and a consent for the benefits agency: identification, employment. */
    private Client clientWithConsent(String bsn) {
        return clientWithConsent(bsn, """
                {"recipients":["BENEFITS"],"categories":["IDENTIFICATION","EMPLOYMENT"],
                 "purposes":["FUNDING_DECISION"],"validFrom":"%s","validUntil":"%s"}""");
    }

    /** A client with health and employment data and the given consent ({@code validFrom}/{@code validUntil} as %s). */
    private Client clientWithConsent(String bsn, String consentTemplate) {
        ApiClient clinician = services.as(MENTAL_HEALTH_AGENCY, "mha.clinician");
        String name = "Client " + bsn;
        ApiClient.Response created = clinician.post("/api/clients", """
                {"name":"%s","bsn":"%s","dateOfBirth":"1984-02-29","benefit":"DISABILITY","municipality":"Zeist"}"""
                .formatted(name, bsn));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("clientId").asText();
        String healthMarker = "panic-attacks-" + UUID.randomUUID();
        String jobMarker = "gardening-" + UUID.randomUUID();
        assertThat(clinician.put("/api/clients/" + id + "/health/HEALTH_SUMMARY",
                "{\"text\":\"" + healthMarker + "\"}").status()).isEqualTo(204);
        assertThat(clinician.put("/api/clients/" + id + "/employment",
                "{\"jobPreferences\":\"" + jobMarker + "\",\"disclosureToEmployer\":false}").status()).isEqualTo(204);
        ApiClient.Response consent = clinician.post("/api/clients/" + id + "/consents",
                consentTemplate.formatted(FiveServices.today(), FiveServices.today().plusDays(90)));
        assertThat(consent.status()).as(consent.body()).isEqualTo(201);
        return new Client(id, name, bsn, healthMarker, jobMarker, consent.json().get("consentId").asText());
    }

    private ApiClient.Response awaitShown(ApiClient reader, Client client) {
        ApiClient.Response[] last = new ApiClient.Response[1];
        await(() -> {
            last[0] = reader.get("/api/clients/" + client.id());
            return last[0].status() == 200 && last[0].json().has("employment");
        }, "the benefits agency shows the shared data");
        return last[0];
    }

    /** Access records of the client on ips.audit that match agency, action and outcome. */
    private List<JsonNode> awaitAccessRecords(String clientId, int atLeast, String agency, String action,
                                              String outcome) {
        return awaitAccessRecords(clientId, atLeast, agency, action, outcome, record -> true);
    }

    private List<JsonNode> awaitAccessRecords(String clientId, int atLeast, String agency, String action,
                                              String outcome, Predicate<JsonNode> which) {
        List<JsonNode> matching = new ArrayList<>();
        await(() -> {
            matching.clear();
            // sealed for the audit service, under their record ids (ADR 37): opened as it opens them, with its demo key
            for (ConsumerRecord<String, byte[]> record : TopicReader.readToEnd(services.kafkaAdmin(), Topics.AUDIT,
                    new StringDeserializer(), new ByteArrayDeserializer(), Duration.ofSeconds(60))) {
                EventEnvelope envelope = codec.decode(record.value());
                JsonNode payload = AuditSealing.isSealed(envelope)
                        ? new AuditSealing().open(envelope, AuditSealingKeys.demo()::privateKey).payload()
                        : envelope.payload();
                if (payload.get("clientId").asText().equals(clientId) && payload.get("agency").asText().equals(agency)
                        && payload.get("action").asText().equals(action)
                        && payload.get("outcome").asText().equals(outcome) && which.test(payload)) {
                    matching.add(payload);
                }
            }
            return matching.size() >= atLeast;
        }, atLeast + " access records " + agency + " " + action + " " + outcome);
        return matching;
    }

    @Test
    void theClientsChoiceAboutDisclosureToEmployersIsSharedAsEmploymentDataWithTheFunder() {
        Client client = clientWithConsent(TestBsns.random());
        ApiClient labourExpert = services.as(BENEFITS_AGENCY, "benefits.labour-expert");
        ApiClient.Response before = awaitShown(labourExpert, client);
        assertThat(before.json().at("/employment/disclosureToEmployer").isBoolean()).as(before.body()).isTrue();
        assertThat(before.json().at("/employment/disclosureToEmployer").asBoolean())
                .as("recorded as not disclosed").isFalse();

        // the client changes their mind: recorded at the MHA, shared as EMPLOYMENT, shown by the funder
        String jobs = "bakery-" + UUID.randomUUID();
        assertThat(services.as(MENTAL_HEALTH_AGENCY, "mha.specialist").put("/api/clients/" + client.id()
                + "/employment", "{\"jobPreferences\":\"" + jobs + "\",\"disclosureToEmployer\":true}").status())
                .isEqualTo(204);
        ApiClient.Response[] after = new ApiClient.Response[1];
        await(() -> {
            after[0] = labourExpert.get("/api/clients/" + client.id());
            return after[0].status() == 200 && jobs.equals(after[0].json().at("/employment/jobPreferences").asText());
        }, "the funder shows the new employment data");
        assertThat(after[0].json().at("/employment/disclosureToEmployer").asBoolean()).isTrue();
        assertThat(after[0].json().has("healthSummary")).isFalse();

        // on the wire: inside the EMPLOYMENT category, under the consent that covers EMPLOYMENT
        EventEnvelope shared = services.records(Topics.inbox(Agency.BENEFITS), client.id())
                .stream().map(r -> codec.decode(r.value()))
                .filter(e -> e.type().equals("ClientDataShared"))
                .flatMap(e -> services.opened(BENEFITS_AGENCY, e).stream())
                .filter(e -> jobs.equals(e.payload().at("/employment/jobPreferences").asText()))
                .findFirst().orElseThrow();
        assertThat(shared.payload().at("/employment/disclosureToEmployer").asBoolean()).isTrue();
        assertThat(fieldNames(shared.payload().get("employment")))
                .containsExactlyInAnyOrder("jobPreferences", "disclosureToEmployer");
        assertThat(shared.consent().categories()).contains(DataCategory.EMPLOYMENT);
        assertThat(shared.consent().consentId().toString()).isEqualTo(client.consentId());
    }

    /** Waits until an inbox record of the client matches {@code until}; the ids of all the client's records then. */
    private Set<UUID> awaitInboxEventIds(String clientId, Predicate<EventEnvelope> until) {
        Set<UUID> ids = new HashSet<>();
        await(() -> {
            ids.clear();
            boolean found = false;
            for (ConsumerRecord<String, byte[]> record : services.records(Topics.inbox(
                    Agency.BENEFITS), clientId)) {
                EventEnvelope envelope = codec.decode(record.value());
                ids.add(envelope.eventId());
                found |= until.test(envelope);
            }
            return found;
        }, "the expected message is on the benefits agency's inbox");
        return ids;
    }

    /** The raw inbox records of the client of this type that are not among {@code before}, once they arrived. */
    private List<ConsumerRecord<String, byte[]>> awaitNewInboxRecords(String clientId, Set<UUID> before,
                                                                      String type) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        await(() -> {
            found.clear();
            for (ConsumerRecord<String, byte[]> record : services.records(Topics.inbox(
                    Agency.BENEFITS), clientId)) {
                EventEnvelope envelope = codec.decode(record.value());
                if (envelope.type().equals(type) && !before.contains(envelope.eventId())) {
                    found.add(record);
                }
            }
            return !found.isEmpty();
        }, "a new " + type + " message on the benefits agency's inbox");
        return found;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Errors and fatal messages of HAPI's validator against base R4 (the BALP profiles are not available offline). */
    private static List<String> fhirValidationErrors(String json) {
        FhirContext fhir = FhirContext.forR4Cached();
        FhirInstanceValidator base =
                new FhirInstanceValidator(
                        new ValidationSupportChain(
                                new DefaultProfileValidationSupport(fhir),
                                new InMemoryTerminologyServerValidationSupport(fhir),
                                new CommonCodeSystemsTerminologyService(fhir)));
        base.setErrorForUnknownProfiles(false);
        FhirValidator validator = fhir.newValidator();
        validator.registerValidatorModule(base);
        return validator.validateWithResult(json).getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR
                        || m.getSeverity() == ResultSeverityEnum.FATAL)
                .map(m -> m.getLocationString() + ": " + m.getMessage()).toList();
    }

    /** A receiving agency in the revocation test: who reads the client there, who may read health data there. */
    private record Recipient(ServiceDefinition service, String agency, String reader, String healthReader) {
    }

    private static final List<Recipient> RECIPIENTS = List.of(
            new Recipient(BENEFITS_AGENCY, "BENEFITS", "benefits.labour-expert", "benefits.physician"),
            new Recipient(MUNICIPALITY, "MUNICIPALITY", "municipality.case-manager", "municipality.case-manager"),
            new Recipient(INSURER, "INSURER", "insurer.adviser", null));

    /** A client whose consent names every receiving agency, four categories (one of health) and three purposes. */
    private Client clientWithBroadConsent(String bsn) {
        return clientWithConsent(bsn, """
                {"recipients":["BENEFITS","MUNICIPALITY","INSURER"],
                 "categories":["IDENTIFICATION","BENEFITS","EMPLOYMENT","HEALTH_SUMMARY"],
                 "purposes":["FUNDING_DECISION","CASE_REVIEW","BILLING"],"validFrom":"%s","validUntil":"%s"}""");
    }

    /** Referral and funding application: the benefits agency (the client has a disability benefit) funds it. */
    private String applyForFunding(Client client) {
        ApiClient clinician = services.as(MENTAL_HEALTH_AGENCY, "mha.clinician");
        ApiClient.Response referred = clinician.post("/api/referrals",
                "{\"clientId\":\"" + client.id() + "\",\"wishesToWork\":true,\"team\":\"IPS team Utrecht\"}");
        assertThat(referred.status()).as(referred.body()).isEqualTo(201);
        String trajectory = referred.json().get("trajectoryId").asText();
        ApiClient.Response applied = clinician.post("/api/trajectories/" + trajectory + "/funding-application", "{}");
        assertThat(applied.status()).as(applied.body()).isEqualTo(202);
        assertThat(applied.json().get("funder").asText()).isEqualTo("BENEFITS");
        return trajectory;
    }

    /**
     * After the revocation, at every recipient: each read refused (the client, the health category, the meeting
     * agenda), no row of the client's data or key, and none of the stored ciphertexts, key bytes or plaintext values
     * in any column of any table.
     */
    private void assertEveryReadRefusedAndNothingLeft(Client client, Map<ServiceDefinition, List<byte[]>> stored,
                                                      List<byte[]> plaintext) {
        String[] values = {client.name(), client.bsn(), client.jobMarker(), client.healthMarker()};
        for (Recipient recipient : RECIPIENTS) {
            ServiceDefinition service = recipient.service();
            ApiClient.Response shown = services.as(service, recipient.reader()).get("/api/clients/" + client.id());
            assertThat(shown.status()).as(recipient + " " + shown.body()).isEqualTo(403);
            assertThat(shown.isProblem()).isTrue();
            ApiClient.Response health = services.as(service, recipient.healthReader() == null ? recipient.reader()
                    : recipient.healthReader()).get("/api/clients/" + client.id() + "/health/HEALTH_SUMMARY");
            assertThat(health.status()).as(recipient + " " + health.body()).isEqualTo(403);
            assertThat(shown.body() + health.body()).doesNotContain(values);
            assertThat(services.count(service, "select count(*) from shared_client_data where client_id = '"
                    + client.id() + "'")).as(recipient + ": received data").isZero();
            assertThat(services.count(service, "select count(*) from client_data_key where client_id = '"
                    + client.id() + "'")).as(recipient + ": the client's key is destroyed").isZero();
            assertThat(columnsContaining(service, stored.get(service)))
                    .as(recipient + ": no stored ciphertext or key byte is left anywhere").isEmpty();
            assertThat(columnsContaining(service, plaintext)).as(recipient + ": no plaintext anywhere").isEmpty();
            for (String value : values) {
                assertThat(services.tablesContaining(service, value)).as(recipient + ", any case: " + value)
                        .isEmpty();
            }
        }
        ApiClient.Response agenda = services.as(BENEFITS_AGENCY, "benefits.labour-expert").get("/api/meetings/next");
        assertThat(agenda.status()).isEqualTo(200);
        assertThat(agenda.body()).as("the applicant is on the agenda by pseudonym only")
                .contains("Client " + client.id().substring(0, 8) + " (no consent for case review")
                .doesNotContain(values);
        assertThat(services.as(MUNICIPALITY, "municipality.case-manager").get("/api/meetings/next").body())
                .doesNotContain(values);
    }

    /**
     * Every copy of the client's data the service stores: each ciphertext of {@code shared_client_data} (its
     * base64 text, which is a part of the stored value, and its raw bytes) and the client's data key (raw and hex).
     */
    private List<byte[]> storedCopiesOf(ServiceDefinition service, String clientId) {
        List<byte[]> copies = new ArrayList<>();
        for (String ciphertext : services.rows(service, "select ciphertext from shared_client_data where client_id = '"
                + clientId + "'")) {
            assertThat(ciphertext).startsWith("enc2:");
            String base64 = ciphertext.substring(ciphertext.lastIndexOf(':') + 1);
            copies.add(utf8(base64));
            copies.add(Base64.getDecoder().decode(base64));
        }
        String key = services.query(service, "select encode(data_key, 'hex') from client_data_key where client_id = '"
                + clientId + "'");
        assertThat(key).as(service + " holds a key of the client").isNotNull();
        copies.add(HexFormat.of().parseHex(key));
        copies.add(utf8(key));
        return copies;
    }

    /**
     * Every column ({@code table.column}) of every table in the service's public schema (event store, token store,
     * processed and parked messages, scheduled tasks included) whose value contains one of the byte strings: byte
     * columns as they are, every other column (text, json, ...) as its UTF-8 text.
     */
    private List<String> columnsContaining(ServiceDefinition service, List<byte[]> needles) {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        for (String column : services.rows(service, """
                select c.table_name || ' ' || c.column_name || ' ' || c.data_type from information_schema.columns c
                join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
                order by c.table_name, c.ordinal_position""")) {
            String[] parts = column.split(" ", 3);
            tables.computeIfAbsent(parts[0], table -> new ArrayList<>()).add(parts[1] + " " + parts[2]);
        }
        assertThat(tables).containsKeys("domain_event_entry", "shared_client_data", "client_data_key");
        List<String> found = new ArrayList<>();
        tables.forEach((table, columns) -> {
            List<String> checks = new ArrayList<>();
            for (String column : columns) {
                String name = column.substring(0, column.indexOf(' '));
                String bytes = column.endsWith(" bytea") ? "\"" + name + "\""
                        : "convert_to(\"" + name + "\"::text, 'UTF8')";
                StringBuilder any = new StringBuilder("false");
                for (byte[] needle : needles) {
                    any.append(" or position(decode('").append(HexFormat.of().formatHex(needle))
                            .append("', 'hex') in ").append(bytes).append(") > 0");
                }
                checks.add("case when bool_or(" + any + ") then '" + table + "." + name + "' end");
            }
            String hits = services.query(service, "select concat_ws(',', " + String.join(", ", checks) + ") from \""
                    + table + "\"");
            if (hits != null && !hits.isEmpty()) {
                found.addAll(List.of(hits.split(",")));
            }
        });
        return found;
    }

    /**
     * Replays the service's event store: every streaming processor stopped, its tokens reset to the start, started
     * again and run until each segment has processed every event that was stored at the reset. (Axon ends the
     * replay state itself only at the first event after that point, which may not come.)
     * @return the names of the processors replayed
     */
    private List<String> replayEventStore(ServiceDefinition service) {
        ConfigurableApplicationContext context = services.running().stream()
                .filter(running -> running.definition().equals(service)).findFirst().orElseThrow().context();
        EventProcessingConfiguration processing = context.getBean(EventProcessingConfiguration.class);
        List<StreamingEventProcessor> replaying = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (EventProcessor processor : processing.eventProcessors().values()) {
            if (processor instanceof StreamingEventProcessor streaming) {
                assertThat(streaming.supportsReset()).as(processor.getName()).isTrue();
                streaming.shutDown();
                await(() -> !streaming.isRunning(), processor.getName() + " stopped");
                replaying.add(streaming);
                names.add(processor.getName());
            }
        }
        long head = context.getBean(EventStore.class).createHeadToken()
                .position().orElseThrow();
        for (StreamingEventProcessor processor : replaying) {
            processor.resetTokens();
            processor.start();
        }
        await(() -> replaying.stream().allMatch(processor -> !processor.processingStatus().isEmpty()
                        && processor.processingStatus().values().stream().allMatch(status -> status.isCaughtUp()
                        && status.getCurrentPosition().orElse(-1) >= head)),
                service + " replayed its event store to the end (" + head + ")");
        return names;
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
