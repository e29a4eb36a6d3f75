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

    @KafkaListener(id = "ips-inbound", topics = "#{__listener.topics}")
    public void onMessage(ConsumerRecord<String, byte[]> record) {
        processor.process(record.topic(), record.value());
    }
}
