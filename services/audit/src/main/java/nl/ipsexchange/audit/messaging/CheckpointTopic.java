package nl.ipsexchange.audit.messaging;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.ObjectMapper;

import nl.ipsexchange.audit.query.Checkpoint;
import nl.ipsexchange.audit.query.CheckpointSigner;
import nl.ipsexchange.audit.query.TrailWitness;
import nl.ipsexchange.kernel.Topics;

/**
 * Signed checkpoints on {@code ips.audit.checkpoints}, keyed by trail (ADR 32). The newest is found by reading the
 * end of the topic backwards, a few hundred messages at a time, until a checkpoint of the trail with a valid
 * signature turns up; newer ones of the trail without one are counted and ignored. Nothing is committed: every
 * reading starts from the end again.
 */
@Component
public class CheckpointTopic implements TrailWitness {

    private static final int STEP = 200;
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final KafkaTemplate<String, byte[]> kafka;
    private final ConsumerFactory<String, byte[]> consumers;
    private final CheckpointSigner signer;
    private final ObjectMapper json;

    public CheckpointTopic(KafkaTemplate<String, byte[]> kafka, ConsumerFactory<String, byte[]> consumers,
                           CheckpointSigner signer, ObjectMapper json) {
        this.kafka = kafka;
        this.consumers = consumers;
        this.signer = signer;
        this.json = json;
    }

    @Override
    public void publish(Checkpoint checkpoint) {
        try {
            kafka.send(new ProducerRecord<>(Topics.AUDIT_CHECKPOINTS, checkpoint.trail(),
                    json.writeValueAsBytes(checkpoint))).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing a checkpoint", e);
        } catch (IOException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the checkpoint could not be published", e);
        }
    }

    @Override
    public Newest newest(String trail) {
        // no group: partitions are assigned, read and left; nothing is committed
        Map<String, Object> reader = Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, STEP,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (Consumer<String, byte[]> consumer = consumers.createConsumer(null, "checkpoints", null,
                toProperties(reader))) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.AUDIT_CHECKPOINTS, WAIT).stream()
                    .map(partition -> new TopicPartition(partition.topic(), partition.partition())).toList();
            Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions, WAIT);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, WAIT);
            consumer.assign(partitions);
            Checkpoint newest = null;
            int ignored = 0;
            for (TopicPartition partition : partitions) {
                Found found = newestIn(consumer, partition, beginnings.get(partition), ends.get(partition), trail);
                ignored += found.ignored();
                if (found.checkpoint() != null
                        && (newest == null || found.checkpoint().time().isAfter(newest.time()))) {
                    newest = found.checkpoint();
                }
            }
            return new Newest(Optional.ofNullable(newest), ignored);
        }
    }

    private record Found(Checkpoint checkpoint, int ignored) {
    }

    private Found newestIn(Consumer<String, byte[]> consumer, TopicPartition partition, long beginning, long end,
                           String trail) {
        int ignored = 0;
        for (long to = end; to > beginning; to = Math.max(beginning, to - STEP)) {
            long from = Math.max(beginning, to - STEP);
            List<ConsumerRecord<String, byte[]>> records = read(consumer, partition, from, to);
            for (int i = records.size() - 1; i >= 0; i--) {
                ConsumerRecord<String, byte[]> record = records.get(i);
                if (!trail.equals(record.key())) {
                    continue;
                }
                Checkpoint checkpoint = parse(record.value());
                if (checkpoint != null && trail.equals(checkpoint.trail()) && signer.signedByUs(checkpoint)) {
                    return new Found(checkpoint, ignored);
                }
                ignored++;
            }
        }
        return new Found(null, ignored);
    }

    private static List<ConsumerRecord<String, byte[]>> read(Consumer<String, byte[]> consumer,
                                                            TopicPartition partition, long from, long to) {
        consumer.seek(partition, from);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (consumer.position(partition) < to) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the checkpoints could not be read in " + WAIT.toSeconds() + " s");
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500)).records(partition)) {
                if (record.offset() < to) {
                    records.add(record);
                }
            }
        }
        return records;
    }

    private Checkpoint parse(byte[] value) {
        try {
            return value == null ? null : json.readValue(value, Checkpoint.class);
        } catch (IOException | RuntimeException e) {
            return null; // ignored and counted, like a bad signature
        }
    }

    private static Properties toProperties(Map<String, Object> settings) {
        Properties properties = new Properties();
        properties.putAll(settings);
        return properties;
    }
}
