package nl.ipsexchange.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import nl.ipsexchange.infra.embedded.KafkaLogin;
import nl.ipsexchange.kernel.Topics;

/** On the real (embedded or container) broker. */
class TopicReaderTest {

    private final KafkaLogin admin = TestInfrastructure.get().kafkaAdmin();

    @Test
    void everyRecordSentBeforeTheReadIsRead() throws Exception {
        String key = UUID.randomUUID().toString();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(admin.with(Map.of(
                "acks", "all")), new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>(Topics.STATUS, key, "record " + i)).get(30, TimeUnit.SECONDS);
            }
        }

        List<ConsumerRecord<String, String>> read = TopicReader.readToEnd(admin, Topics.STATUS,
                new StringDeserializer(), new StringDeserializer(), Duration.ofSeconds(30));

        assertThat(read).filteredOn(record -> key.equals(record.key())).extracting(ConsumerRecord::value)
                .containsExactly("record 0", "record 1", "record 2");
    }
}
