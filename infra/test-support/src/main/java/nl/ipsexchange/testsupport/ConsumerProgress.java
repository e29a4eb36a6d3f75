package nl.ipsexchange.testsupport;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/** How far a consumer group has come on the topics it reads, from the broker's own figures. */
public final class ConsumerProgress {

    private ConsumerProgress() {
    }

    /**
     * Whether {@code group} has committed the end of every partition of {@code topics} that holds any message;
     * false too when the broker does not answer (within 10 seconds).
     */
    public static boolean hasConsumed(Admin admin, String group, Collection<String> topics) {
        try {
            Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
            admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).values()
                    .forEach(topic -> topic.partitions().forEach(partition -> latest.put(
                            new TopicPartition(topic.name(), partition.partition()), OffsetSpec.latest())));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                    admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            return ends.entrySet().stream().allMatch(end -> end.getValue().offset() == 0
                    || committed.get(end.getKey()) != null
                    && committed.get(end.getKey()).offset() >= end.getValue().offset());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException | KafkaException e) { // e.g. the broker being restarted
            return false;
        }
    }

    /**
     * Commits, for {@code group}, the current end of every topic on the broker: a consumer group that has never run
     * starts after everything that is there now instead of at the beginning. For tests that share a broker and want
     * only their own traffic; throws when the broker does not answer within 10 seconds.
     */
    public static void startAtEnd(Admin admin, String group) {
        try {
            Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
            Collection<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(false)).names()
                    .get(10, TimeUnit.SECONDS);
            admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).values()
                    .forEach(topic -> topic.partitions().forEach(partition -> latest.put(
                            new TopicPartition(topic.name(), partition.partition()), OffsetSpec.latest())));
            Map<TopicPartition, OffsetAndMetadata> ends = new LinkedHashMap<>();
            admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS)
                    .forEach((partition, end) -> ends.put(partition, new OffsetAndMetadata(end.offset())));
            if (!ends.isEmpty()) {
                admin.alterConsumerGroupOffsets(group, ends).all().get(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while moving " + group + " to the topics' end", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not move " + group + " to the topics' end", e);
        }
    }
}
