package nl.ipsexchange.meeting.command;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.serialization.Revision;

/** Decisions taken in a practitioner meeting, recorded by the agency whose practitioner records them. */
public final class MeetingMessages {

    private MeetingMessages() {
    }

    /** What a decision is about. */
    public enum DecisionKind {
        /** Whether a new applicant qualifies for funding. */
        FUNDING_QUALIFICATION,
        /** An action with an owner and a date. */
        ACTION
    }

    public record RecordMeetingDecisionCommand(@TargetAggregateIdentifier String meetingId, LocalDate meetingDate,
                                               String decisionId, String caseRef, DecisionKind kind,
                                               Boolean qualifies, String action, String owner, LocalDate due,
                                               String note, String decidedBy) {
    }

    @Revision("1")
    public record MeetingDecisionRecordedEvent(String meetingId, LocalDate meetingDate, String decisionId,
                                               String caseRef, DecisionKind kind, Boolean qualifies, String action,
                                               String owner, LocalDate due, String note, String decidedBy) {
    }
}
