package nl.ipsexchange.meeting.command;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The commands of a practitioner meeting, recorded by the agency whose practitioner records them. */
public final class MeetingCommands {

    private MeetingCommands() {
    }

    public record RecordMeetingDecisionCommand(@TargetAggregateIdentifier String meetingId, LocalDate meetingDate,
                                               String decisionId, String caseRef, DecisionKind kind,
                                               Boolean qualifies, String action, String owner, LocalDate due,
                                               String note, String decidedBy) {
    }
}
