package nl.ipsexchange.mha.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.consent.ConsentTerms;
import nl.ipsexchange.kernel.meeting.MeetingDecisionSharedEvent;
import nl.ipsexchange.kernel.messaging.EnvelopeCodec;
import nl.ipsexchange.kernel.messaging.EventEnvelope;
import nl.ipsexchange.kernel.messaging.sealing.EnvelopeSealing;
import nl.ipsexchange.kernel.messaging.sealing.HeldTransitKey;
import nl.ipsexchange.kernel.messaging.sealing.TransitKey;
import nl.ipsexchange.mha.MentalHealthAgencyTest;
import nl.ipsexchange.platform.messaging.signing.DemoSigningKeys;
import nl.ipsexchange.testsupport.ApiClient;
import nl.ipsexchange.testsupport.Await;
import nl.ipsexchange.testsupport.TestBsns;
import nl.ipsexchange.testsupport.TestInfrastructure;

/**
 * The mental health agency, the client's provider, against a real PostgreSQL and Kafka, receives a municipality's
 * meeting decision sealed back with the transit key it issued to the municipality for the client (ADR 51): opened
 * with its own copy of the key and kept in its minutes; once it has destroyed the key (the consent ended), a copy
 * sealed under it is resolved unread, neither kept nor parked.
 */
@MentalHealthAgencyTest
class SealedMinutesFromFundersTest {

    private static final EnvelopeCodec CODEC = new EnvelopeCodec();
    private static final EnvelopeSealing SEALING = new EnvelopeSealing();

    @LocalServerPort
    int port;

    @Autowired
    TransitKeyStore keys;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aFundersSealedDecisionJoinsTheMinutesUntilTheKeyItIsSealedWithIsDestroyed() {
        ApiClient clinician = ApiClient.as("http://localhost:" + port, "mha.clinician");
        ApiClient.Response created = clinician.post("/api/clients", """
                {"name":"Client Minutes","bsn":"%s","dateOfBirth":"1984-04-04","benefit":"SOCIAL_ASSISTANCE",
                 "municipality":"Houten"}""".formatted(TestBsns.random()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String clientId = created.json().get("clientId").asText();
        TransitKey issued = keys.current(clientId, Agency.MUNICIPALITY, DataCategory.EMPLOYMENT);
        String trajectory = UUID.randomUUID().toString();

        String kept = UUID.randomUUID().toString();
        send(decision(kept, clientId, trajectory, "phone the job coach"), trajectory, issued);
        Await.until(() -> !jdbc.queryForList("select action from meeting_decision where decision_id = ?",
                String.class, kept).isEmpty(), Duration.ofSeconds(60), "the decision joins the minutes");
        assertThat(jdbc.queryForObject("select action from meeting_decision where decision_id = ?", String.class,
                kept)).isEqualTo("phone the job coach");
        assertThat(jdbc.queryForObject("select recorded_at from meeting_decision where decision_id = ?",
                String.class, kept)).isEqualTo("MUNICIPALITY");

        keys.destroy(clientId, Agency.MUNICIPALITY, List.of(DataCategory.EMPLOYMENT));
        String unread = UUID.randomUUID().toString();
        UUID unreadEvent = send(decision(unread, clientId, trajectory, "ask again"), trajectory, issued);
        Await.until(() -> Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from processed_message where event_id = ?)", Boolean.class, unreadEvent)),
                Duration.ofSeconds(60), "the copy under the destroyed key is resolved");
        assertThat(jdbc.queryForList("select action from meeting_decision where decision_id = ?", String.class,
                unread)).isEmpty();
        assertThat(jdbc.queryForList("select event_id from parked_message where event_id = ?", UUID.class,
                unreadEvent)).as("nothing for an administrator to do").isEmpty();
        assertThat(jdbc.queryForObject("select action from meeting_decision where decision_id = ?", String.class,
                kept)).as("the provider's own records stay").isEqualTo("phone the job coach");
    }

    private static MeetingDecisionSharedEvent decision(String decisionId, String clientId, String trajectory,
                                                       String action) {
        return new MeetingDecisionSharedEvent(decisionId, Agency.MUNICIPALITY,
                LocalDate.now(ConsentTerms.ZONE).plusDays(3), clientId, trajectory, trajectory,
                MeetingDecisionSharedEvent.Kind.ACTION, null, action, "M. Jansen", null, "municipality.case-manager");
    }

    /** Sends as the municipality does: sealed for this agency, as its Kafka user, signed with its demo key. */
    private static UUID send(MeetingDecisionSharedEvent decision, String trajectory, TransitKey key) {
        EventEnvelope sealed = SEALING.sealForIssuer(CODEC.wrap(UUID.randomUUID(), Agency.MUNICIPALITY,
                Instant.now(), null, decision), trajectory, new HeldTransitKey(DataCategory.EMPLOYMENT, key));
        String topic = Agency.MENTAL_HEALTH.inboxTopic();
        byte[] value = CODEC.encode(sealed);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, sealed.subject(), value);
        DemoSigningKeys.signer(Agency.MUNICIPALITY).sign(topic, value).addTo(record.headers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                TestInfrastructure.get().kafkaLogin("municipality").with(Map.of("acks", "all")),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(record).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the decision was not sent", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        return sealed.eventId();
    }
}
