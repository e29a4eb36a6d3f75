package nl.ipsexchange.meeting.command;

import java.time.LocalDate;

import org.axonframework.serialization.Revision;

import nl.ipsexchange.kernel.Agency;

/** The events of a practitioner meeting, stored in the recording agency's event store. */
public final class MeetingEvents {

    private MeetingEvents() {
    }

    /**
     * A decision recorded by this agency's practitioner. {@code clientId} and {@code trajectoryId} (the case's
     * client, and its trajectory, which is the funding application's id) were added compatibly (ADR 49): a decision
     * stored before reads with both null, and is not shared.
     */
    @Revision("1")
    public record MeetingDecisionRecordedEvent(String meetingId, LocalDate meetingDate, String decisionId,
                                               String caseRef, DecisionKind kind, Boolean qualifies, String action,
                                               String owner, LocalDate due, String note, String decidedBy,
                                               String clientId, String trajectoryId) {
    }

    /** A decision another agency recorded, kept by the client's provider with its minutes (ADR 49). */
    @Revision("1")
    public record MeetingDecisionReceivedEvent(String meetingId, LocalDate meetingDate, String decisionId,
                                               Agency recordedAt, String clientId, String caseRef,
                                               String trajectoryId, DecisionKind kind, Boolean qualifies,
                                               String action, String owner, LocalDate due, String decidedBy) {
    }
}
