package nl.ipsexchange.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.TestInstance;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.Topics;

/**
 * An attacker who reaches the broker of the running platform (issue 27, ADR 34): without credentials nothing is
 * written; with one agency's credentials, nothing lands in another agency's inbox, and that inbox cannot be read.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedFiveServices.class)
class KafkaAccessAttackTest {

    private final FiveServices services;

    KafkaAccessAttackTest(FiveServices services) {
        this.services = services;
    }

    @Test
    void aWriteWithoutCredentialsIsRefusedAndLandsNowhere() {
        String key = "forged-" + UUID.randomUUID();
        Map<String, Object> anonymous = new HashMap<>();
        anonymous.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, services.kafkaAdmin().bootstrapServers());
        anonymous.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);

        assertThatThrownBy(() -> send(anonymous, Topics.AUDIT, key))
                .hasCauseInstanceOf(TimeoutException.class);
        assertThat(services.records(Topics.AUDIT, key)).isEmpty();
    }

    @Test
    void aWriteAsTheBenefitsAgencyIntoTheInsurersInboxIsRefusedAndLandsNowhere() {
        String key = "forged-" + UUID.randomUUID();
        Map<String, Object> benefits = services.kafkaLogin(ServiceDefinition.BENEFITS_AGENCY).properties();

        assertThatThrownBy(() -> send(benefits, Agency.INSURER.inboxTopic(), key))
                .hasCauseInstanceOf(TopicAuthorizationException.class);
        assertThat(services.records(Agency.INSURER.inboxTopic(), key)).isEmpty();
    }

    @Test
    void aWriteAsAReceivingAgencyIntoItsOwnInboxPretendingToBeTheMentalHealthAgencyIsRefused() {
        String key = "forged-" + UUID.randomUUID();
        Map<String, Object> municipality = services.kafkaLogin(ServiceDefinition.MUNICIPALITY).properties();

        assertThatThrownBy(() -> send(municipality, Agency.MUNICIPALITY.inboxTopic(), key))
                .hasCauseInstanceOf(TopicAuthorizationException.class);
        assertThat(services.records(Agency.MUNICIPALITY.inboxTopic(), key)).isEmpty();
    }

    @Test
    void theInsurerCannotReadTheBenefitsAgencysInbox() {
        Map<String, Object> insurer = services.kafkaLogin(ServiceDefinition.INSURER).with(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, "insurer-attack-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"));

        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(insurer, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(List.of(new TopicPartition(Agency.BENEFITS.inboxTopic(), 0)));
            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(5)))
                    .isInstanceOf(TopicAuthorizationException.class);
        }
    }

    /** Sends one record; a refusal is the cause of the {@code ExecutionException} thrown. */
    private static void send(Map<String, Object> client, String topic, String key) throws Exception {
        Map<String, Object> settings = new HashMap<>(client);
        settings.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(settings, new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, "{}".getBytes(StandardCharsets.UTF_8)))
                    .get(30, TimeUnit.SECONDS);
        }
    }
}
