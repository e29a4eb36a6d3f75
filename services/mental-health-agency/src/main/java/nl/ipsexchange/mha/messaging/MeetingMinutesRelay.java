package nl.ipsexchange.mha.messaging;

import java.util.List;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.stereotype.Component;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.meeting.MeetingDecisionSharedEvent;
import nl.ipsexchange.meeting.MeetingDecisionRelay;
import nl.ipsexchange.meeting.command.MeetingEvents.MeetingDecisionReceivedEvent;
import nl.ipsexchange.meeting.command.MeetingEvents.MeetingDecisionRecordedEvent;

/**
 * One set of minutes for the practitioner meeting (ADR 49): every decision this agency holds, its own and those the
 * other agencies sent it, goes through the consent gate for case review to each other agency that takes part, whole
 * (one category, sealed for the recipient) where an active consent covers the client's minutes, and otherwise not at
 * all, which leaves an access record. Not back to the agency that recorded it. The event says everything the message
 * needs, so no read model is asked; a decision stored before decisions named their client is not sent.
 */
@Component
@ProcessingGroup(StatusEventPublisher.PROCESSING_GROUP)
public class MeetingMinutesRelay {

    /** The agencies besides this one whose practitioners meet. */
    static final List<Agency> PARTICIPANTS = List.of(Agency.BENEFITS, Agency.MUNICIPALITY);

    private final ConsentGate gate;

    public MeetingMinutesRelay(ConsentGate gate) {
        this.gate = gate;
    }

    @EventHandler
    void on(MeetingDecisionRecordedEvent event, @MessageIdentifier String id) {
        if (event.clientId() != null) {
            share(MeetingDecisionRelay.shared(event, Agency.MENTAL_HEALTH), id);
        }
    }

    @EventHandler
    void on(MeetingDecisionReceivedEvent event, @MessageIdentifier String id) {
        share(new MeetingDecisionSharedEvent(event.decisionId(), event.recordedAt(), event.meetingDate(),
                event.clientId(), event.caseRef(), event.trajectoryId(),
                MeetingDecisionSharedEvent.Kind.valueOf(event.kind().name()), event.qualifies(), event.action(),
                event.owner(), event.due(), event.decidedBy()), id);
    }

    private void share(MeetingDecisionSharedEvent decision, String domainEventId) {
        for (Agency recipient : PARTICIPANTS) {
            if (recipient != decision.recordedAt()) {
                gate.send(recipient, Purpose.CASE_REVIEW, decision.clientId(), MeetingDecisionSharedEvent.CATEGORY,
                        decision, domainEventId);
            }
        }
    }
}
