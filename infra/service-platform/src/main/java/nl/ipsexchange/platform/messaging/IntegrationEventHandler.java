package nl.ipsexchange.platform.messaging;

import java.util.function.BiConsumer;

import nl.ipsexchange.kernel.messaging.EventEnvelope;
import nl.ipsexchange.kernel.messaging.IntegrationEvent;
import nl.ipsexchange.platform.messaging.signing.MessageVerifier;

/**
 * Handles one kind of integration event received from Kafka. Called inside the database transaction that
 * also records the event id as processed, at most once per event id in effect.
 */
public interface IntegrationEventHandler<T extends IntegrationEvent> {

    Class<T> eventType();

    void handle(T event, EventEnvelope envelope);

    /**
     * Handles the event with the signature it was shown to carry (by its source's key); a handler that keeps the
     * signature (the audit trail) overrides this one.
     */
    default void handle(T event, EventEnvelope envelope, MessageVerifier.Verified signature) {
        handle(event, envelope);
    }

    /** A handler of one event type from a function. */
    static <T extends IntegrationEvent> IntegrationEventHandler<T> of(Class<T> type,
                                                                      BiConsumer<T, EventEnvelope> body) {
        return new IntegrationEventHandler<>() {
            @Override
            public Class<T> eventType() {
                return type;
            }

            @Override
            public void handle(T event, EventEnvelope envelope) {
                body.accept(event, envelope);
            }
        };
    }
}
