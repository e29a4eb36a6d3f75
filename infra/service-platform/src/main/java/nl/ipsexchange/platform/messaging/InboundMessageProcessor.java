package nl.ipsexchange.platform.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import nl.ipsexchange.kernel.messaging.EnvelopeCodec;
import nl.ipsexchange.kernel.messaging.EventEnvelope;
import nl.ipsexchange.kernel.messaging.IntegrationEvent;
import nl.ipsexchange.platform.status.StatusEventRecorder;

/**
 * Handles one inbound Kafka message exactly once in effect: in one database transaction it records the
 * event id in {@code processed_message} and runs the handlers; a message whose id is already recorded
 * (a redelivery after a crash or rebalance) is skipped. A failure rolls back both, so the message is retried.
 */
public class InboundMessageProcessor {

    private static final Logger log = LoggerFactory.getLogger(InboundMessageProcessor.class);

    private final EnvelopeCodec codec;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final StatusEventRecorder statusRecorder;
    private final Map<Class<?>, List<IntegrationEventHandler<?>>> handlers;
    private final Counter processed;
    private final Counter duplicates;

    public InboundMessageProcessor(EnvelopeCodec codec, JdbcTemplate jdbc, TransactionTemplate transactions,
                                   StatusEventRecorder statusRecorder, List<IntegrationEventHandler<?>> handlers,
                                   MeterRegistry meters) {
        this.codec = codec;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.statusRecorder = statusRecorder;
        this.handlers = handlers.stream().collect(Collectors.groupingBy(IntegrationEventHandler::eventType,
                Collectors.toCollection(ArrayList::new)));
        this.processed = Counter.builder("ips.inbound.processed").register(meters);
        this.duplicates = Counter.builder("ips.inbound.duplicates").register(meters);
    }

    /**
     * @return {@code true} when the message was handled now, {@code false} when it had been handled before
     * @throws nl.ipsexchange.kernel.messaging.MalformedMessageException when it can never be handled
     */
    public boolean process(String topic, byte[] message) {
        EventEnvelope envelope = codec.decode(message);
        IntegrationEvent event = codec.payload(envelope);
        Boolean handled = transactions.execute(status -> {
            int inserted = jdbc.update("""
                    insert into processed_message (event_id, event_type, source_agency, topic, processed_at)
                    values (?, ?, ?, ?, now()) on conflict (event_id) do nothing""",
                    envelope.eventId(), envelope.type(), envelope.sourceAgency().name(), topic);
            if (inserted == 0) {
                return false;
            }
            if (statusRecorder.accepts(topic)) {
                statusRecorder.record(envelope);
            }
            dispatch(event, envelope);
            return true;
        });
        if (Boolean.TRUE.equals(handled)) {
            processed.increment();
            log.debug("handled {} {} from {}", envelope.type(), envelope.eventId(), topic);
            return true;
        }
        duplicates.increment();
        log.info("skipped redelivered {} {} from {}", envelope.type(), envelope.eventId(), topic);
        return false;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void dispatch(IntegrationEvent event, EventEnvelope envelope) {
        for (IntegrationEventHandler handler : handlers.getOrDefault(event.getClass(), List.of())) {
            handler.handle(event, envelope);
        }
    }
}
