package nl.ipsexchange.platform.messaging;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;

/** Receives every message on the topics this service subscribes to ({@code ips.messaging.subscriptions}). */
public class InboundMessageListener {

    private final InboundMessageProcessor processor;
    private final List<String> topics;

    public InboundMessageListener(InboundMessageProcessor processor, List<String> topics) {
        if (topics.isEmpty()) {
            throw new IllegalStateException("ips.messaging.subscriptions names no topic");
        }
        this.processor = processor;
        this.topics = List.copyOf(topics);
    }

    public List<String> getTopics() {
        return topics;
    }

    // idIsGroup = false: the consumer group is the service's own (spring.kafka.consumer.group-id), so that
    // every service receives every message; sharing the listener id as a group would split them between services.
    // batch: a poll's messages are handled in one database transaction when none fails (one commit per poll instead
    // of one per message); otherwise one by one, and the first that fails is named to the error handler, which
    // retries, parks or dead-letters it as before (the ones before it are done, the ones after it come again)
    @KafkaListener(id = "ips-inbound", idIsGroup = false, topics = "#{__listener.topics}", batch = "true")
    public void onMessages(List<ConsumerRecord<String, byte[]>> records) {
        if (records.size() > 1 && processor.receiveTogether(records.stream()
                .map(InboundMessageProcessor.Delivered::of).toList())) {
            return;
        }
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, byte[]> record = records.get(i);
            try {
                processor.receive(InboundMessageProcessor.Delivered.of(record));
            } catch (RuntimeException failure) {
                throw new BatchListenerFailedException("inbound message " + record.topic() + "-"
                        + record.partition() + "@" + record.offset() + " not handled", failure, i);
            }
        }
    }
}
