package nl.ipsexchange.platform.messaging;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;

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
    // every service receives every message; sharing the listener id as a group would split them between services
    @KafkaListener(id = "ips-inbound", idIsGroup = false, topics = "#{__listener.topics}")
    public void onMessage(ConsumerRecord<String, byte[]> record) {
        processor.receive(record.topic(), record.value());
    }
}
