package nl.ipsexchange.testsupport;

import nl.ipsexchange.infra.embedded.KafkaLogin;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * What is on a Kafka topic, read by a test: every record from the beginning of each partition up to where the
 * partition ended when the read began. No consumer group: nothing to join or rebalance, so how long a group takes to
 * get its partitions on a loaded machine cannot cut the read short.
 */
public final class TopicReader {

    private TopicReader() {
    }

    /**
     * Every record on {@code topic}, partition by partition in offset order, read as {@code login} (the administrator,
     * as a rule: it reads every topic).
     *
     * @throws AssertionError when the records up to the ends cannot be read within {@code timeout}
     */
    public static <K, V> List<ConsumerRecord<K, V>> readToEnd(KafkaLogin login, String topic,
                                                             Deserializer<K> keys, Deserializer<V> values,
                                                             Duration timeout) {
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(login.with(Map.of(
                "enable.auto.commit", "false",
                "isolation.level", "read_committed")), keys, values)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo partition : consumer.partitionsFor(topic, timeout)) {
                partitions.add(new TopicPartition(topic, partition.partition()));
            }
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<K, V>> records = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p, timeout) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end within " + timeout);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }
}
