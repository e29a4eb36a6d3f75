package nl.ipsexchange.meeting;

import java.time.Instant;
import java.util.Optional;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.meeting.MeetingDecisionSharedEvent;
import nl.ipsexchange.kernel.messaging.EnvelopeCodec;
import nl.ipsexchange.kernel.messaging.EventEnvelope;
import nl.ipsexchange.kernel.messaging.sealing.EnvelopeSealing;
import nl.ipsexchange.kernel.messaging.sealing.HeldTransitKey;
import nl.ipsexchange.meeting.command.MeetingEvents.MeetingDecisionRecordedEvent;
import nl.ipsexchange.platform.axon.AxonProcessingConfiguration;
import nl.ipsexchange.platform.messaging.IntegrationEventPublisher;
import nl.ipsexchange.platform.messaging.ReceivedTransitKeys;

/**
 * A decision this agency's practitioner recorded, to the client's provider (the mental health agency's inbox), which
 * keeps one set of minutes and shares them under the client's consent (ADR 49); not at the provider itself. Signed,
 * as a funder's decisions are (ADR 46), and sealed for the provider with a transit key the provider gave this agency
 * for the client (ADR 51): nothing of it is readable on the topic, and once the provider destroys that key (a consent
 * ended, the client erased) no copy opens. It travels under its trajectory (or, for a question about a client, its
 * own id), never the client id. The note stays here. A decision stored before decisions named their client is not
 * sent: whom it is about is not known; nor is one about a client this agency holds no key of (no consent links it to
 * the provider for the client now): it stays in this agency's minutes, and the log says so. The event id follows from
 * this agency's, so a repeated relay is one message to the receiver.
 */
@ProcessingGroup(AxonProcessingConfiguration.INTEGRATION_PUBLISHER)
public class MeetingDecisionRelay {

    private static final Logger log = LoggerFactory.getLogger(MeetingDecisionRelay.class);

    /** How a decision is sealed for the provider: the envelope's sealing and the keys this agency received. */
    public record Sealing(EnvelopeSealing envelopes, ReceivedTransitKeys keys) {
    }

    private final IntegrationEventPublisher publisher;
    private final EnvelopeCodec codec;
    private final Agency self;
    private final Sealing sealing;

    public MeetingDecisionRelay(IntegrationEventPublisher publisher, EnvelopeCodec codec, Agency self,
                                Sealing sealing) {
        this.publisher = publisher;
        this.codec = codec;
        this.self = self;
        this.sealing = sealing;
    }

    @EventHandler
    void on(MeetingDecisionRecordedEvent event, @MessageIdentifier String id, @Timestamp Instant at) {
        if (event.clientId() == null) {
            return;
        }
        Optional<HeldTransitKey> key = sealing.keys().forSealingBack(event.clientId(),
                MeetingDecisionSharedEvent.CATEGORY);
        if (key.isEmpty()) {
            log.info("meeting decision {} stays at {}: no transit key of its client is held here to seal it for "
                    + "the provider", event.decisionId(), self);
            return;
        }
        String topic = Agency.MENTAL_HEALTH.inboxTopic();
        EventEnvelope plain = codec.wrap(IntegrationEventPublisher.eventIdFor(id, topic), self, at, null,
                shared(event, self));
        publisher.publish(topic, sealing.envelopes().sealForIssuer(plain, subject(event), key.get()));
    }

    /** The decision as the minutes share it: everything but the note. */
    public static MeetingDecisionSharedEvent shared(MeetingDecisionRecordedEvent event, Agency recordedAt) {
        return new MeetingDecisionSharedEvent(event.decisionId(), recordedAt, event.meetingDate(), event.clientId(),
                event.caseRef(), event.trajectoryId(), MeetingDecisionSharedEvent.Kind.valueOf(event.kind().name()),
                event.qualifies(), event.action(), event.owner(), event.due(), event.decidedBy());
    }

    /**
     * The trajectory, as the funders' other messages to the provider travel (ADR 46), so one trajectory's messages
     * keep their order; for a question about a client, which has none, the decision's own id.
     */
    static String subject(MeetingDecisionRecordedEvent event) {
        return event.trajectoryId() != null ? event.trajectoryId() : "meeting-decision:" + event.decisionId();
    }
}
