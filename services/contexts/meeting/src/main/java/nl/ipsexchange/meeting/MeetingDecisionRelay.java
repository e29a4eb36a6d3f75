package nl.ipsexchange.meeting;

import java.time.Instant;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.meeting.MeetingDecisionSharedEvent;
import nl.ipsexchange.kernel.messaging.EnvelopeCodec;
import nl.ipsexchange.meeting.command.MeetingEvents.MeetingDecisionRecordedEvent;
import nl.ipsexchange.platform.axon.AxonProcessingConfiguration;
import nl.ipsexchange.platform.messaging.IntegrationEventPublisher;

/**
 * A decision this agency's practitioner recorded, to the client's provider (the mental health agency's inbox), which
 * keeps one set of minutes and shares them under the client's consent (ADR 49); not at the provider itself. Signed,
 * as a funder's decisions are (ADR 46); the note stays here. A decision stored before decisions named their client
 * is not sent: whom it is about is not known. The event id follows from this agency's, so a repeated relay is one
 * message to the receiver.
 */
@ProcessingGroup(AxonProcessingConfiguration.INTEGRATION_PUBLISHER)
public class MeetingDecisionRelay {

    private final IntegrationEventPublisher publisher;
    private final EnvelopeCodec codec;
    private final Agency self;

    public MeetingDecisionRelay(IntegrationEventPublisher publisher, EnvelopeCodec codec, Agency self) {
        this.publisher = publisher;
        this.codec = codec;
        this.self = self;
    }

    @EventHandler
    void on(MeetingDecisionRecordedEvent event, @MessageIdentifier String id, @Timestamp Instant at) {
        if (event.clientId() == null) {
            return;
        }
        String topic = Agency.MENTAL_HEALTH.inboxTopic();
        publisher.publish(topic, codec.wrap(IntegrationEventPublisher.eventIdFor(id, topic), self, at, null,
                shared(event, self)));
    }

    /** The decision as the minutes share it: everything but the note. */
    public static MeetingDecisionSharedEvent shared(MeetingDecisionRecordedEvent event, Agency recordedAt) {
        return new MeetingDecisionSharedEvent(event.decisionId(), recordedAt, event.meetingDate(), event.clientId(),
                event.caseRef(), event.trajectoryId(), MeetingDecisionSharedEvent.Kind.valueOf(event.kind().name()),
                event.qualifies(), event.action(), event.owner(), event.due(), event.decidedBy());
    }
}
