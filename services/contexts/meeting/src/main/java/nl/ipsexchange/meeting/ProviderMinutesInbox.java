package nl.ipsexchange.meeting;

import org.axonframework.commandhandling.gateway.CommandGateway;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.meeting.MeetingDecisionSharedEvent;
import nl.ipsexchange.kernel.messaging.EventEnvelope;
import nl.ipsexchange.kernel.messaging.MalformedMessageException;
import nl.ipsexchange.meeting.command.DecisionKind;
import nl.ipsexchange.meeting.command.MeetingCommands.ReceiveMeetingDecisionCommand;
import nl.ipsexchange.platform.messaging.IntegrationEventHandler;

/**
 * At the client's provider (the mental health agency): a decision another agency's practitioner recorded joins this
 * agency's minutes of that meeting, as an event in its own store, from which it is shared under consent like its own
 * decisions (ADR 49). Only from the agency that recorded it, as its signature shows.
 */
public class ProviderMinutesInbox implements IntegrationEventHandler<MeetingDecisionSharedEvent> {

    private final CommandGateway commands;
    private final String serviceName;

    public ProviderMinutesInbox(CommandGateway commands, String serviceName) {
        this.commands = commands;
        this.serviceName = serviceName;
    }

    @Override
    public Class<MeetingDecisionSharedEvent> eventType() {
        return MeetingDecisionSharedEvent.class;
    }

    @Override
    public void handle(MeetingDecisionSharedEvent event, EventEnvelope envelope) {
        if (event.recordedAt() == null || event.recordedAt() == Agency.MENTAL_HEALTH
                || envelope.sourceAgency() != event.recordedAt() || event.clientId() == null
                || event.meetingDate() == null || event.kind() == null) {
            throw new MalformedMessageException("a meeting decision comes only from the agency that recorded it");
        }
        commands.sendAndWait(new ReceiveMeetingDecisionCommand(serviceName + ":" + event.meetingDate(),
                event.meetingDate(), event.decisionId(), event.recordedAt(), event.clientId(), event.caseRef(),
                event.trajectoryId(), DecisionKind.valueOf(event.kind().name()), event.qualifies(), event.action(),
                event.owner(), event.due(), event.decidedBy()));
    }
}
