package nl.ipsexchange.stack;

import static nl.ipsexchange.stack.FiveServices.await;
import static nl.ipsexchange.stack.ServiceDefinition.AUDIT;
import static nl.ipsexchange.stack.ServiceDefinition.BENEFITS_AGENCY;
import static nl.ipsexchange.stack.ServiceDefinition.MENTAL_HEALTH_AGENCY;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.Topics;
import nl.ipsexchange.kernel.audit.AccessAction;
import nl.ipsexchange.kernel.audit.AccessOutcome;
import nl.ipsexchange.kernel.audit.AccessRecordedEvent;
import nl.ipsexchange.kernel.messaging.EnvelopeCodec;
import nl.ipsexchange.kernel.messaging.EventEnvelope;
import nl.ipsexchange.platform.messaging.signing.DemoSigningKeys;
import nl.ipsexchange.platform.messaging.signing.MessageSigner;
import nl.ipsexchange.testsupport.ApiClient;
import nl.ipsexchange.testsupport.TestBsns;

/**
 * An attacker who can write to the broker (issue 27): envelopes that claim the mental health agency as their source
 * are written to the benefits agency's inbox and to {@code ips.audit}, unsigned, signed with a key no service knows,
 * and signed with the benefits agency's own key. Every one is refused: never handled, kept as a refused parked
 * message under a sequence of its own, never retried, and not in the audit trail; the real client's genuine messages
 * still flow, and the genuine access record is kept with its signature.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedFiveServices.class)
class ForgedEnvelopeAttackTest {

    private final FiveServices services;
    private final EnvelopeCodec codec = new EnvelopeCodec();

    ForgedEnvelopeAttackTest(FiveServices services) {
        this.services = services;
    }

    @Test
    void envelopesNotSignedByTheAgencyTheyClaimAreRefusedKeptApartAndNeverReachTheTrailWhileGenuineOnesFlow()
            throws Exception {
        ApiClient clinician = services.as(MENTAL_HEALTH_AGENCY, "mha.clinician");
        String clientId = clientSharedWithTheBenefitsAgency(clinician);
        String inbox = Topics.inbox(Agency.BENEFITS);
        EventEnvelope genuineShare = services.records(inbox, clientId).stream()
                .map(record -> codec.decode(record.value())).filter(envelope -> envelope.type()
                        .equals("ClientDataShared")).findFirst().orElseThrow();

        // the attacker's copies of a genuine share, each with an event id of its own, and access records in the name
        // of the mental health agency by a user who never existed
        MessageSigner unknownKey = new MessageSigner("mha-2026-attacker", "MENTAL_HEALTH",
                KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate());
        MessageSigner benefitsKey = DemoSigningKeys.signer(Agency.BENEFITS);
        List<Forgery> forgeries = List.of(
                forgery(inbox, clientId, copy(genuineShare), null, "the message is not signed"),
                forgery(inbox, clientId, copy(genuineShare), unknownKey, "signed with an unknown key mha-2026-attacker"),
                forgery(inbox, clientId, copy(genuineShare), benefitsKey, "signed by BENEFITS (key "
                        + "demo-benefits-agency) but claims to come from MENTAL_HEALTH"),
                forgery(Topics.AUDIT, clientId, forgedAccessRecord(clientId), null, "the message is not signed"),
                forgery(Topics.AUDIT, clientId, forgedAccessRecord(clientId), unknownKey,
                        "signed with an unknown key mha-2026-attacker"),
                forgery(Topics.AUDIT, clientId, forgedAccessRecord(clientId), benefitsKey, "signed by BENEFITS (key "
                        + "demo-benefits-agency) but claims to come from MENTAL_HEALTH"));
        try (KafkaProducer<String, byte[]> producer = services.producer()) {
            for (Forgery forgery : forgeries) {
                producer.send(forgery.record()).get(10, TimeUnit.SECONDS);
            }
        }

        // genuine messages about the same client after the forgeries: a new share, and a refused read's record
        String newJob = "bookbinding-" + UUID.randomUUID();
        assertThat(clinician.put("/api/clients/" + clientId + "/employment",
                "{\"jobPreferences\":\"" + newJob + "\",\"disclosureToEmployer\":false}").status()).isEqualTo(204);
        ApiClient labourExpert = services.as(BENEFITS_AGENCY, "benefits.labour-expert");
        await(() -> labourExpert.get("/api/clients/" + clientId).body().contains(newJob),
                "the genuine share after the forgeries reached the benefits agency");
        assertThat(services.as(BENEFITS_AGENCY, "benefits.physician")
                .get("/api/clients/" + clientId + "/health/HEALTH_SUMMARY").status()).isEqualTo(403);
        ApiClient auditor = services.as(AUDIT, "audit.auditor");
        await(() -> auditor.get("/api/access-records?clientId=" + clientId + "&userId=benefits.physician").json()
                .size() == 1, "the genuine record of the refused read is in the trail");

        // every forgery refused where it arrived: kept apart, with its reason, never processed
        for (Forgery forgery : forgeries) {
            ServiceDefinition receiver = forgery.topic().equals(Topics.AUDIT) ? AUDIT : BENEFITS_AGENCY;
            await(() -> services.count(receiver, "select count(*) from parked_message where event_id = '"
                    + forgery.eventId() + "'") == 1, "the " + receiver.name() + " kept the forgery " + forgery);
            assertThat(services.rows(receiver, "select sequence_key || '|' || refused || '|' || reason || '|' || "
                    + "length(message) from parked_message where event_id = '" + forgery.eventId() + "'"))
                    .containsExactly("refused:" + forgery.eventId() + "|true|" + forgery.reason() + "|0");
            assertThat(services.count(receiver, "select count(*) from processed_message where event_id = '"
                    + forgery.eventId() + "'")).as("never handled: " + forgery).isZero();
        }
        assertThat(services.count(BENEFITS_AGENCY, "select count(*) from parked_message where sequence_key = '"
                + clientId + "'")).as("the real client's sequence is not held up").isZero();

        // the administrators see them as refused, and cannot retry them
        ApiClient admin = services.as(BENEFITS_AGENCY, "benefits.admin");
        JsonNode parked = admin.get("/api/admin/parked-messages").json();
        List<String> refusedIds = new ArrayList<>();
        parked.forEach(message -> {
            if (message.get("refused").asBoolean()) {
                refusedIds.add(message.get("eventId").asText());
            }
        });
        assertThat(refusedIds).containsAll(forgeries.stream().filter(f -> f.topic().equals(inbox))
                .map(f -> f.eventId().toString()).toList());
        ApiClient.Response retry = admin.post("/api/admin/parked-messages/" + forgeries.get(0).eventId() + "/retry",
                "{}");
        assertThat(retry.status()).isEqualTo(409);
        assertThat(retry.isProblem()).isTrue();

        // the trail: none of the forged records, the genuine one with its signature, and the chain intact
        assertThat(auditor.get("/api/access-records?clientId=" + clientId + "&userId=forger").json()).isEmpty();
        JsonNode genuine = auditor.get("/api/access-records?clientId=" + clientId + "&userId=benefits.physician")
                .json().get(0);
        assertThat(genuine.get("signatureKeyId").asText()).isEqualTo("demo-benefits-agency");
        assertThat(genuine.get("signature").asText()).hasSize(88);
        assertThat(auditor.get("/api/access-records/verification").json().get("intact").asBoolean()).isTrue();
    }

    /** A forged message: where it goes, what it is, who signed it (null: no one), and why it must be refused. */
    private record Forgery(String topic, UUID eventId, ProducerRecord<String, byte[]> record, String reason) {
        @Override
        public String toString() {
            return topic + " " + eventId + " (" + reason + ")";
        }
    }

    private Forgery forgery(String topic, String clientId, EventEnvelope envelope, MessageSigner signer,
                            String reason) {
        byte[] value = codec.encode(envelope);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, clientId, value);
        if (signer != null) {
            signer.sign(topic, value).addTo(record.headers());
        }
        return new Forgery(topic, envelope.eventId(), record, reason);
    }

    private static EventEnvelope copy(EventEnvelope genuine) {
        return new EventEnvelope(UUID.randomUUID(), genuine.type(), genuine.schemaVersion(), genuine.sourceAgency(),
                genuine.subject(), genuine.occurredAt(), genuine.consent(), genuine.payload());
    }

    private EventEnvelope forgedAccessRecord(String clientId) {
        AccessRecordedEvent record = new AccessRecordedEvent(UUID.randomUUID(), Instant.now(), "MENTAL_HEALTH",
                "forger", "CLINICIAN", clientId, Set.of(DataCategory.HEALTH_SUMMARY), AccessAction.VIEW,
                Purpose.FUNDING_DECISION, null, AccessOutcome.PERMITTED, null);
        return codec.wrap(record.recordId(), Agency.MENTAL_HEALTH, record.time(), null, record);
    }

    /** A client whose identification and employment the benefits agency received under a consent. */
    private String clientSharedWithTheBenefitsAgency(ApiClient clinician) {
        String bsn = TestBsns.random();
        ApiClient.Response created = clinician.post("/api/clients", """
                {"name":"Client %s","bsn":"%s","dateOfBirth":"1984-02-29","benefit":"DISABILITY",
                 "municipality":"Zeist"}""".formatted(bsn, bsn));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String clientId = created.json().get("clientId").asText();
        assertThat(clinician.put("/api/clients/" + clientId + "/employment",
                "{\"jobPreferences\":\"gardening\",\"disclosureToEmployer\":false}").status()).isEqualTo(204);
        ApiClient.Response consent = clinician.post("/api/clients/" + clientId + "/consents", """
                {"recipients":["BENEFITS"],"categories":["IDENTIFICATION","EMPLOYMENT"],
                 "purposes":["FUNDING_DECISION"],"validFrom":"%s","validUntil":"%s"}"""
                .formatted(FiveServices.today(), FiveServices.today().plusDays(90)));
        assertThat(consent.status()).as(consent.body()).isEqualTo(201);
        ApiClient labourExpert = services.as(BENEFITS_AGENCY, "benefits.labour-expert");
        await(() -> labourExpert.get("/api/clients/" + clientId).body().contains("gardening"),
                "the benefits agency shows the shared data");
        await(() -> services.records(Topics.inbox(Agency.BENEFITS), clientId).stream()
                .anyMatch(record -> codec.decode(record.value()).type().equals("ClientDataShared")),
                "the share is on the inbox");
        return clientId;
    }
}
