package nl.ipsexchange.mha.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.consent.ConsentTerms;
import nl.ipsexchange.kernel.messaging.EnvelopeCodec;
import nl.ipsexchange.kernel.messaging.EventEnvelope;
import nl.ipsexchange.kernel.messaging.sealing.EnvelopeSealing;
import nl.ipsexchange.kernel.messaging.sealing.KeyExchange;
import nl.ipsexchange.kernel.messaging.sealing.TransitKeyGrantedEvent;
import nl.ipsexchange.kernel.messaging.sealing.TransitKeyRefusedEvent;
import nl.ipsexchange.kernel.messaging.sealing.TransitKeyRequestedEvent;
import nl.ipsexchange.kernel.messaging.sealing.TransitKeys;
import nl.ipsexchange.kernel.sharing.ClientDataSharedEvent;
import nl.ipsexchange.mha.MentalHealthAgencyTest;
import nl.ipsexchange.platform.messaging.IntegrationEventPublisher;
import nl.ipsexchange.platform.messaging.signing.DemoSigningKeys;
import nl.ipsexchange.testsupport.ApiClient;
import nl.ipsexchange.testsupport.Await;
import nl.ipsexchange.testsupport.TestBsns;
import nl.ipsexchange.testsupport.TestInfrastructure;
import nl.ipsexchange.testsupport.TopicReader;

/**
 * The sending side of sealing against a real PostgreSQL and Kafka, driven through the API and the inbox as another
 * agency would: what the consent gate puts on a recipient's inbox holds no personal field in the clear; the keys that
 * open it are granted to that recipient alone, forward-secret, while a consent covers their category; a revocation
 * of one category destroys that category's key (a request for it is refused) and leaves the other's.
 */
@MentalHealthAgencyTest
class SealedSharingTest {

    private static final LocalDate TODAY = LocalDate.now(ConsentTerms.ZONE);
    private static final EnvelopeCodec CODEC = new EnvelopeCodec();
    private static final EnvelopeSealing SEALING = new EnvelopeSealing();

    @LocalServerPort
    int port;

    @Autowired
    TransitKeyStore keys;

    @Autowired
    JdbcTemplate jdbc;

    private ApiClient clinician;

    @BeforeEach
    void login() {
        clinician = ApiClient.as("http://localhost:" + port, "mha.clinician");
    }

    @Test
    void sharedDataIsSealedOnTheTopicAndOnlyTheConsentedRecipientGetsItsKeysUntilTheCategorysConsentEnds() {
        String name = "Canary Name " + UUID.randomUUID().toString().substring(0, 8);
        String bsn = TestBsns.random();
        String health = "canary-health-" + UUID.randomUUID();
        ApiClient.Response created = clinician.post("/api/clients", """
                {"name":"%s","bsn":"%s","dateOfBirth":"1981-02-03","benefit":"DISABILITY","municipality":"Ede"}"""
                .formatted(name, bsn));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String clientId = created.json().get("clientId").asText();
        assertThat(clinician.put("/api/clients/" + clientId + "/health/HEALTH_SUMMARY",
                "{\"text\":\"" + health + "\"}").status()).isEqualTo(204);
        consent(clientId, "IDENTIFICATION");
        String healthConsent = consent(clientId, "HEALTH_SUMMARY");

        EventEnvelope shared = awaitOnInbox(Agency.BENEFITS, clientId, envelope -> envelope.type()
                .equals("ClientDataShared") && envelope.consent().categories().contains(DataCategory.HEALTH_SUMMARY));
        for (ConsumerRecord<String, byte[]> record : records(Agency.BENEFITS.inboxTopic(), clientId)) {
            assertThat(new String(record.value(), StandardCharsets.UTF_8)).as("on the topic")
                    .doesNotContain(name, bsn, health, "1981-02-03", "healthSummary", "identification");
        }
        Map<DataCategory, UUID> keyIds = new HashMap<>();
        SEALING.parts(shared).forEach(part -> keyIds.put(part.category(), part.keyId()));
        assertThat(keyIds).containsOnlyKeys(DataCategory.IDENTIFICATION, DataCategory.HEALTH_SUMMARY);

        // the consented recipient asks for both keys and opens the message with them
        Map<UUID, byte[]> granted = new HashMap<>();
        for (UUID keyId : keyIds.values()) {
            Optional<byte[]> key = grantedTo(Agency.BENEFITS, clientId, keyId);
            assertThat(key).as("granted, not refused: %s", lastRefusal).isPresent();
            granted.put(keyId, key.get());
        }
        ClientDataSharedEvent opened = (ClientDataSharedEvent) CODEC.payload(SEALING.open(shared,
                id -> Optional.ofNullable(granted.get(id))));
        assertThat(opened.healthSummary()).isEqualTo(health);
        assertThat(opened.identification().name()).isEqualTo(name);
        // another agency asking for the same key is refused
        assertThat(grantedTo(Agency.MUNICIPALITY, clientId, keyIds.get(DataCategory.HEALTH_SUMMARY))).isEmpty();
        assertThat(lastRefusal).isEqualTo("not a key for this agency");

        ApiClient.Response revoked = clinician.post("/api/clients/" + clientId + "/consents/" + healthConsent
                + "/revoke", "{\"reason\":\"client asked\"}");
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);

        Await.until(() -> keys.find(keyIds.get(DataCategory.HEALTH_SUMMARY)).orElseThrow().key().isEmpty(),
                Duration.ofSeconds(30), "the health summary's key is destroyed");
        assertThat(keys.find(keyIds.get(DataCategory.IDENTIFICATION)).orElseThrow().key()).as("still consented")
                .isPresent();
        assertThat(grantedTo(Agency.BENEFITS, clientId, keyIds.get(DataCategory.HEALTH_SUMMARY)))
                .as("a recipient reading the topic anew is refused the revoked category's key").isEmpty();
        assertThat(lastRefusal).contains("destroyed");
        assertThat(grantedTo(Agency.BENEFITS, clientId, keyIds.get(DataCategory.IDENTIFICATION)))
                .as("and granted the other's").isPresent();
    }

    private String consent(String clientId, String category) {
        ApiClient.Response given = clinician.post("/api/clients/" + clientId + "/consents", """
                {"recipients":["BENEFITS"],"categories":["%s"],"purposes":["FUNDING_DECISION"],
                 "validFrom":"%s","validUntil":"%s"}""".formatted(category, TODAY, TODAY.plusYears(1)));
        assertThat(given.status()).as(given.body()).isEqualTo(201);
        return given.json().get("consentId").asText();
    }

    /**
     * Asks for the key as {@code requester} would, on this agency's inbox, and waits for the answer on the requester's
     * inbox. @return the key's bytes when granted, empty when refused
     */
    private Optional<byte[]> grantedTo(Agency requester, String clientId, UUID keyId) {
        KeyExchange.Ephemeral pair = KeyExchange.ephemeral();
        UUID requestId = UUID.randomUUID();
        send(requester, CODEC.wrap(requestId, requester, Instant.now(), null,
                new TransitKeyRequestedEvent(keyId, clientId, requester, pair.publicKey())));
        // this service's answer (the test JVM may run other instances of the service, on databases of their own, which
        // read the same inbox and answer too): the relay names it after the request's event in this database
        String[] requestEvent = new String[1];
        Await.until(() -> (requestEvent[0] = jdbc.query("""
                select event_identifier from domain_event_entry where payload_type like '%TransitKeyRequestReceived%'
                and position(? in convert_from(payload, 'UTF8')) > 0""", (rs, i) -> rs.getString(1),
                pair.publicKey()).stream().findFirst().orElse(null)) != null, Duration.ofSeconds(30),
                "the request is stored");
        UUID answerId = IntegrationEventPublisher.eventIdFor(requestEvent[0],
                requester.inboxTopic() + "|transit-key");
        EventEnvelope answer = awaitOnInbox(requester, TransitKeys.subject(keyId),
                envelope -> envelope.eventId().equals(answerId));
        if (CODEC.payload(answer) instanceof TransitKeyGrantedEvent grant) {
            return Optional.of(KeyExchange.unwrap(pair.privateKey(), keyId, grant.wrapped()).secret());
        }
        assertThat(CODEC.payload(answer)).isInstanceOf(TransitKeyRefusedEvent.class);
        lastRefusal = ((TransitKeyRefusedEvent) CODEC.payload(answer)).reason();
        return Optional.empty();
    }

    private String lastRefusal;

    private EventEnvelope awaitOnInbox(Agency agency, String key, Predicate<EventEnvelope> wanted) {
        EventEnvelope[] found = new EventEnvelope[1];
        Await.until(() -> {
            for (ConsumerRecord<String, byte[]> record : records(agency.inboxTopic(), key)) {
                EventEnvelope envelope = CODEC.decode(record.value());
                if (wanted.test(envelope)) {
                    found[0] = envelope;
                    return true;
                }
            }
            return false;
        }, Duration.ofSeconds(60), "a message on " + agency.inboxTopic());
        return found[0];
    }

    private static List<ConsumerRecord<String, byte[]>> records(String topic, String key) {
        return TopicReader.readToEnd(TestInfrastructure.get().kafkaAdmin(), topic,
                        new StringDeserializer(), new ByteArrayDeserializer(), Duration.ofSeconds(30)).stream()
                .filter(record -> key.equals(record.key())).toList();
    }

    /** Sends as the requesting agency does: as its Kafka user, signed with its demo key (ADRs 31, 34). */
    private static void send(Agency requester, EventEnvelope request) {
        String user = switch (requester) {
            case BENEFITS -> "benefits-agency";
            case MUNICIPALITY -> "municipality";
            case INSURER -> "insurer";
            case MENTAL_HEALTH -> throw new IllegalArgumentException("the mental health agency asks itself nothing");
        };
        String topic = Agency.MENTAL_HEALTH.inboxTopic();
        byte[] value = CODEC.encode(request);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, request.subject(), value);
        DemoSigningKeys.signer(requester).sign(topic, value).addTo(record.headers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                TestInfrastructure.get().kafkaLogin(user).with(Map.of("acks", "all")), new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(record).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the request was not sent", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
