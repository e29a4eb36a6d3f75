package nl.ipsexchange.stack;

import static nl.ipsexchange.stack.FiveServices.await;
import static nl.ipsexchange.stack.ServiceDefinition.AUDIT;
import static nl.ipsexchange.stack.ServiceDefinition.BENEFITS_AGENCY;
import static nl.ipsexchange.stack.ServiceDefinition.MENTAL_HEALTH_AGENCY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.Topics;
import nl.ipsexchange.kernel.messaging.ConsentReference;
import nl.ipsexchange.kernel.messaging.EnvelopeCodec;
import nl.ipsexchange.kernel.messaging.EventEnvelope;
import nl.ipsexchange.kernel.messaging.MalformedMessageException;
import nl.ipsexchange.kernel.messaging.sealing.EnvelopeSealing;
import nl.ipsexchange.kernel.messaging.sealing.SealedPart;
import nl.ipsexchange.mha.messaging.TransitKeyStore;
import nl.ipsexchange.platform.messaging.ReceivedTransitKeys;
import nl.ipsexchange.testsupport.ApiClient;
import nl.ipsexchange.testsupport.TestBsns;
import nl.ipsexchange.testsupport.TopicReader;

/**
 * What someone with the broker sees, and what the keys left at both ends open, after a client revokes one category:
 * every topic read from the beginning holds none of the client's data in the clear, and no key the mental health
 * agency or the benefits agency still holds opens a sealed part of the revoked category, while the category still
 * consented stays readable for the recipient. Nor does {@code ips.audit} name the client or the users who read its
 * data, while the audit service's trail shows their records (ADR 37).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedFiveServices.class)
class SealedTopicsEndToEndTest {

    private final FiveServices services;
    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final EnvelopeSealing sealing = new EnvelopeSealing();

    SealedTopicsEndToEndTest(FiveServices services) {
        this.services = services;
    }

    @Test
    void afterARevocationOfOneCategoryNoTopicHoldsAnyCanaryAndNoRemainingKeyOpensThatCategory() {
        ApiClient clinician = services.as(MENTAL_HEALTH_AGENCY, "mha.clinician");
        String name = "Canary " + UUID.randomUUID().toString().substring(0, 8);
        String bsn = TestBsns.random();
        String health = "canary-health-" + UUID.randomUUID();
        String jobs = "canary-jobs-" + UUID.randomUUID();
        String revokedWords = "canary-revoked-" + UUID.randomUUID();
        ApiClient.Response created = clinician.post("/api/clients", """
                {"name":"%s","bsn":"%s","dateOfBirth":"1979-09-09","benefit":"DISABILITY","municipality":"Zeist"}"""
                .formatted(name, bsn));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String clientId = created.json().get("clientId").asText();
        assertThat(clinician.put("/api/clients/" + clientId + "/health/HEALTH_SUMMARY",
                "{\"text\":\"" + health + "\"}").status()).isEqualTo(204);
        assertThat(clinician.put("/api/clients/" + clientId + "/employment",
                "{\"jobPreferences\":\"" + jobs + "\",\"disclosureToEmployer\":false}").status()).isEqualTo(204);
        consent(clinician, clientId, "\"IDENTIFICATION\",\"EMPLOYMENT\"");
        String healthConsent = consent(clinician, clientId, "\"HEALTH_SUMMARY\"");

        ApiClient physician = services.as(BENEFITS_AGENCY, "benefits.physician");
        ApiClient labourExpert = services.as(BENEFITS_AGENCY, "benefits.labour-expert");
        await(() -> physician.get("/api/clients/" + clientId + "/health/HEALTH_SUMMARY").status() == 200,
                "the benefits agency received the keys and shows the health summary");
        await(() -> labourExpert.get("/api/clients/" + clientId).body().contains(jobs),
                "and the employment data");

        ApiClient.Response revoked = clinician.post("/api/clients/" + clientId + "/consents/" + healthConsent
                + "/revoke", "{\"reason\":\"" + revokedWords + "\"}");
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        await(() -> physician.get("/api/clients/" + clientId + "/health/HEALTH_SUMMARY").status() == 403,
                "the health summary is no longer shown");
        await(() -> services.count(BENEFITS_AGENCY, "select count(*) from received_transit_key where client_id = '"
                + clientId + "' and category = 'HEALTH_SUMMARY'") == 0, "the recipient destroyed its key");
        await(() -> services.count(MENTAL_HEALTH_AGENCY, "select count(*) from transit_key where client_id = '"
                + clientId + "' and category = 'HEALTH_SUMMARY' and sealed_key is not null") == 0,
                "the sender destroyed its key");

        // a denied information request: the clinician's words stay at the mental health agency, the answer has a code
        String denial = "canary-denial-" + UUID.randomUUID();
        InformationRequestAnswers.denyInWords(services, clientId, denial);

        // the attacker reads every topic from the beginning: no canary in the clear anywhere
        List<EventEnvelope> personal = new ArrayList<>();
        for (String topic : Topics.all()) {
            for (ConsumerRecord<String, byte[]> record : TopicReader.readToEnd(services.kafkaAdmin(), topic,
                    new StringDeserializer(), new ByteArrayDeserializer(), Duration.ofSeconds(60))) {
                assertThat(new String(record.value(), StandardCharsets.UTF_8)).as(topic)
                        .doesNotContain(name, bsn, health, jobs, denial, revokedWords);
                if (topic.equals(Topics.AUDIT)) {
                    // access records are sealed for the audit service (ADR 37): not even who or about whom
                    assertThat(record.key()).as(topic).isNotEqualTo(clientId);
                    assertThat(new String(record.value(), StandardCharsets.UTF_8)).as(topic)
                            .doesNotContain(clientId, "mha.clinician", "benefits.physician", "benefits.labour-expert");
                }
                if (clientId.equals(record.key())) {
                    EventEnvelope envelope = codec.decode(record.value());
                    if (envelope.carriesPersonalData()) {
                        personal.add(envelope);
                    }
                }
            }
        }

        // every key either end still holds
        Map<UUID, byte[]> remaining = new LinkedHashMap<>();
        TransitKeyStore senderKeys = services.bean(MENTAL_HEALTH_AGENCY, TransitKeyStore.class);
        for (String keyId : services.rows(MENTAL_HEALTH_AGENCY, "select key_id from transit_key where client_id = '"
                + clientId + "'")) {
            senderKeys.find(UUID.fromString(keyId)).flatMap(TransitKeyStore.Stored::key)
                    .ifPresent(key -> remaining.put(key.keyId(), key.secret()));
        }
        ReceivedTransitKeys recipientKeys = services.bean(BENEFITS_AGENCY, ReceivedTransitKeys.class);
        for (String keyId : services.rows(BENEFITS_AGENCY, "select key_id from received_transit_key where client_id"
                + " = '" + clientId + "'")) {
            recipientKeys.key(UUID.fromString(keyId)).ifPresent(key -> remaining.put(UUID.fromString(keyId), key));
        }
        assertThat(remaining).as("the keys of the categories still consented").isNotEmpty();

        int healthParts = 0;
        int readable = 0;
        for (EventEnvelope envelope : personal) {
            for (SealedPart part : sealing.parts(envelope)) {
                EventEnvelope single = onlyPart(envelope, part);
                if (part.category() == DataCategory.HEALTH_SUMMARY) {
                    healthParts++;
                    for (byte[] key : remaining.values()) {
                        assertThatThrownBy(() -> sealing.open(single, id -> Optional.of(key)))
                                .as("no remaining key opens the revoked category")
                                .isInstanceOf(MalformedMessageException.class);
                    }
                } else if (remaining.containsKey(part.keyId())) {
                    String opened = sealing.open(single, id -> Optional.ofNullable(remaining.get(id))).payload()
                            .toString();
                    readable += opened.contains(name) || opened.contains(jobs) ? 1 : 0;
                }
            }
        }
        assertThat(healthParts).as("the revoked category was on the topic, sealed").isPositive();
        assertThat(readable).as("the category still consented stays readable with its keys").isPositive();

        // while the audit service opens every sealed record: its trail names the client, the readers and their reads
        ApiClient auditor = services.as(AUDIT, "audit.auditor");
        await(() -> {
            JsonNode trail = auditor.get("/api/access-records?clientId=" + clientId).json();
            return users(trail, "VIEW", "PERMITTED").contains("benefits.physician")
                    && users(trail, "VIEW", "DENIED").contains("benefits.physician")
                    && users(trail, "DISCLOSE", "PERMITTED").contains("system");
        }, "the audit trail shows the client's disclosures and reads");
    }

    /** The users of the trail's records with that action and outcome. */
    private static Set<String> users(JsonNode trail, String action, String outcome) {
        Set<String> users = new HashSet<>();
        trail.forEach(record -> {
            if (record.path("action").asText().equals(action) && record.path("outcome").asText().equals(outcome)) {
                users.add(record.path("userId").asText());
            }
        });
        return users;
    }

    private String consent(ApiClient clinician, String clientId, String categories) {
        ApiClient.Response given = clinician.post("/api/clients/" + clientId + "/consents", """
                {"recipients":["BENEFITS"],"categories":[%s],"purposes":["FUNDING_DECISION"],
                 "validFrom":"%s","validUntil":"%s"}""".formatted(categories, FiveServices.today(),
                FiveServices.today().plusDays(90)));
        assertThat(given.status()).as(given.body()).isEqualTo(201);
        return given.json().get("consentId").asText();
    }

    /** The envelope with only one sealed part, under a consent reference naming only its category. */
    private static EventEnvelope onlyPart(EventEnvelope envelope, SealedPart part) {
        ObjectNode tree = JsonNodeFactory.instance.objectNode();
        tree.putArray(EnvelopeSealing.SEALED).addObject().put("category", part.category().name())
                .put("keyId", part.keyId().toString()).put("data", part.data());
        return new EventEnvelope(envelope.eventId(), envelope.type(), envelope.schemaVersion(),
                envelope.sourceAgency(), envelope.subject(), envelope.occurredAt(),
                new ConsentReference(envelope.consent().consentId(), envelope.consent().purpose(),
                        Set.of(part.category())), tree);
    }
}
