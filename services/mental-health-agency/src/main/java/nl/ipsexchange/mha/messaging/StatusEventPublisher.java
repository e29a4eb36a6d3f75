package nl.ipsexchange.mha.messaging;

import java.time.Instant;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.stereotype.Component;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.Topics;
import nl.ipsexchange.kernel.messaging.EnvelopeCodec;
import nl.ipsexchange.kernel.status.ClientRegisteredStatusEvent;
import nl.ipsexchange.mha.command.client.ClientEvents.ClientRegisteredEvent;
import nl.ipsexchange.platform.axon.AxonProcessingConfiguration;
import nl.ipsexchange.platform.messaging.IntegrationEventPublisher;
import nl.ipsexchange.platform.crypto.StatusPseudonyms;

/**
 * Relays this agency's domain events to Kafka as de-identified status events, reading the event store (the
 * event store is the outbox) with a streaming processor. A client is named by this agency's pseudonym of it, never
 * by its id (ADR 36). The integration event id is derived from the
 * domain event id, so a relay repeated after a crash carries the same id and receivers skip it.
 */
@Component
@ProcessingGroup(StatusEventPublisher.PROCESSING_GROUP)
public class StatusEventPublisher {

    public static final String PROCESSING_GROUP =
            AxonProcessingConfiguration.INTEGRATION_PUBLISHER;

    private final IntegrationEventPublisher publisher;
    private final EnvelopeCodec codec;
    private final StatusPseudonyms pseudonyms;

    public StatusEventPublisher(IntegrationEventPublisher publisher, EnvelopeCodec codec,
                                StatusPseudonyms pseudonyms) {
        this.publisher = publisher;
        this.codec = codec;
        this.pseudonyms = pseudonyms;
    }

    @EventHandler
    void on(ClientRegisteredEvent event, @MessageIdentifier String eventId, @Timestamp Instant occurredAt) {
        ClientRegisteredStatusEvent status =
                new ClientRegisteredStatusEvent(pseudonyms.client(event.clientId()), Agency.MENTAL_HEALTH, event.registeredOn());
        publisher.publish(Topics.STATUS,
                codec.wrap(IntegrationEventPublisher.eventIdFor(eventId, Topics.STATUS), Agency.MENTAL_HEALTH, occurredAt, null, status));
    }
}
