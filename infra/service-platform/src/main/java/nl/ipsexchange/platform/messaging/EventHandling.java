package nl.ipsexchange.platform.messaging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import nl.ipsexchange.kernel.messaging.EventEnvelope;
import nl.ipsexchange.kernel.messaging.IntegrationEvent;
import nl.ipsexchange.platform.messaging.signing.MessageVerifier;

/**
 * Handles authentic, opened messages once each, in the caller's transaction: records their ids as processed, lets the
 * context's {@link ReceivedEventRecorder} keep the events of the topics it accepts, and runs the event's handlers.
 */
final class EventHandling {

    private final ProcessedMessages processed;
    private final ReceivedEventRecorder recorder;
    private final Map<Class<?>, List<IntegrationEventHandler<?>>> handlers;

    EventHandling(ProcessedMessages processed, ReceivedEventRecorder recorder,
                  List<IntegrationEventHandler<?>> handlers) {
        this.processed = processed;
        this.recorder = recorder;
        this.handlers = handlers.stream().collect(Collectors.groupingBy(IntegrationEventHandler::eventType,
                Collectors.toCollection(ArrayList::new)));
    }

    /** @return {@code false} when it had been handled before */
    boolean handle(String topic, AuthenticMessage message, IntegrationEvent event) {
        EventEnvelope envelope = message.envelope();
        if (processed.record(topic, envelope).isEmpty()) {
            return false;
        }
        if (recorder.accepts(topic)) {
            recorder.recordAll(List.of(envelope));
        }
        dispatch(event, envelope, message.verified());
        return true;
    }

    /**
     * Records a message as processed without reading it: it is sealed under a key destroyed since it was sent, and
     * no retry or redelivery will ever open it (ADR 51).
     *
     * @return {@code false} when it had been handled before
     */
    boolean recordUnread(String topic, EventEnvelope envelope) {
        return !processed.record(topic, envelope).isEmpty();
    }

    /**
     * Records a poll's messages as processed in one statement, and the events its recorder keeps in one more: a busy
     * reader's round trips per poll stay the same however many messages it holds. Their handlers are left to the
     * caller ({@link #dispatch}).
     *
     * @return the ids recorded now (a mutable set), as {@link ProcessedMessages#record(List)}
     */
    Set<UUID> recordTogether(List<ProcessedMessages.Received> received) {
        Set<UUID> fresh = processed.record(received);
        Map<UUID, EventEnvelope> kept = new LinkedHashMap<>();
        for (ProcessedMessages.Received message : received) {
            EventEnvelope envelope = message.envelope();
            if (fresh.contains(envelope.eventId()) && recorder.accepts(message.topic())) {
                kept.putIfAbsent(envelope.eventId(), envelope);
            }
        }
        recorder.recordAll(List.copyOf(kept.values()));
        return fresh;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    void dispatch(IntegrationEvent event, EventEnvelope envelope, MessageVerifier.Verified verified) {
        for (IntegrationEventHandler handler : handlers.getOrDefault(event.getClass(), List.of())) {
            handler.handle(event, envelope, verified);
        }
    }
}
