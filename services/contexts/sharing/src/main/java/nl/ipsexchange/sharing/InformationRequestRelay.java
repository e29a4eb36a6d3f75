package nl.ipsexchange.sharing;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.messaging.EnvelopeCodec;
import nl.ipsexchange.kernel.sharing.InformationRequestedEvent;
import nl.ipsexchange.platform.axon.AxonProcessingConfiguration;
import nl.ipsexchange.platform.messaging.IntegrationEventPublisher;

/**
 * Relays an information request from this service's event store to the mental health agency's inbox. In the
 * platform's relay group, as before the move, so that its tracking token carries over (ADR 0043).
 */
@ProcessingGroup(AxonProcessingConfiguration.INTEGRATION_PUBLISHER)
public class InformationRequestRelay {

    private final IntegrationEventPublisher publisher;
    private final EnvelopeCodec codec;
    private final Agency self;

    public InformationRequestRelay(IntegrationEventPublisher publisher, EnvelopeCodec codec, Agency self) {
        this.publisher = publisher;
        this.codec = codec;
        this.self = self;
    }

    @EventHandler
    public void on(InformationRequestedEvent requested, @MessageIdentifier String eventId) {
        String topic = Agency.MENTAL_HEALTH.inboxTopic();
        publisher.publish(topic, codec.wrap(IntegrationEventPublisher.eventIdFor(eventId, topic), self,
                requested.requestedAt(), null, requested));
    }
}
