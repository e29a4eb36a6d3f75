package nl.ipsexchange.mha.messaging;

import java.time.Instant;
import java.util.List;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.stereotype.Component;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.Topics;
import nl.ipsexchange.kernel.fidelity.FidelityReviewedEvent;
import nl.ipsexchange.kernel.messaging.EnvelopeCodec;
import nl.ipsexchange.mha.command.fidelity.FidelityReviewEvents.FidelityReviewRecordedEvent;
import nl.ipsexchange.platform.messaging.IntegrationEventPublisher;

/**
 * Fidelity reviews are team-level data: they go to the funders, whose approvals depend on them, and to
 * {@code ips.status} for the decision makers, without consent (no client is in them).
 */
@Component
@ProcessingGroup(StatusEventPublisher.PROCESSING_GROUP)
public class FidelityReviewRelay {

    private static final List<String> DESTINATIONS =
            List.of(Agency.BENEFITS.inboxTopic(), Agency.MUNICIPALITY.inboxTopic(), Topics.STATUS);

    private final IntegrationEventPublisher publisher;
    private final EnvelopeCodec codec;

    public FidelityReviewRelay(IntegrationEventPublisher publisher, EnvelopeCodec codec) {
        this.publisher = publisher;
        this.codec = codec;
    }

    @EventHandler
    void on(FidelityReviewRecordedEvent event, @MessageIdentifier String eventId, @Timestamp Instant occurredAt) {
        FidelityReviewedEvent reviewed = new FidelityReviewedEvent(event.reviewId(), event.team(), event.reviewDate(),
                event.reviewerOrganisation(), event.items(), event.total(), event.band(), event.independent());
        for (String topic : DESTINATIONS) {
            publisher.publish(topic, codec.wrap(IntegrationEventPublisher.eventIdFor(eventId, topic),
                    Agency.MENTAL_HEALTH, occurredAt, null, reviewed));
        }
    }
}
