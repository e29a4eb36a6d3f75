package nl.ipsexchange.meeting.command;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import nl.ipsexchange.kernel.Agency;

/** The commands of a practitioner meeting, recorded by the agency whose practitioner records them. */
public final class MeetingCommands {

    private MeetingCommands() {
    }

    public record RecordMeetingDecisionCommand(@TargetAggregateIdentifier String meetingId, LocalDate meetingDate,
                                               String decisionId, String caseRef, DecisionKind kind,
                                               Boolean qualifies, String action, String owner, LocalDate due,
                                               String note, String decidedBy) {
    }

    /**
     * A decision another agency's practitioner recorded, received by the client's provider (the mental health
     * agency) to be kept in its minutes and relayed under consent (ADR 49). The sender checked it against its own
     * agenda; it carries no note.
     */
    public record ReceiveMeetingDecisionCommand(@TargetAggregateIdentifier String meetingId, LocalDate meetingDate,
                                                String decisionId, Agency recordedAt, String clientId,
                                                String caseRef, String trajectoryId, DecisionKind kind,
                                                Boolean qualifies, String action, String owner, LocalDate due,
                                                String decidedBy) {
    }
}
