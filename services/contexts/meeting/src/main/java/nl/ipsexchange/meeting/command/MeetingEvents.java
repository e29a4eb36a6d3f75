package nl.ipsexchange.meeting.command;

import java.time.LocalDate;

import org.axonframework.serialization.Revision;

/** The events of a practitioner meeting, stored in the recording agency's event store. */
public final class MeetingEvents {

    private MeetingEvents() {
    }

    @Revision("1")
    public record MeetingDecisionRecordedEvent(String meetingId, LocalDate meetingDate, String decisionId,
                                               String caseRef, DecisionKind kind, Boolean qualifies, String action,
                                               String owner, LocalDate due, String note, String decidedBy) {
    }
}
