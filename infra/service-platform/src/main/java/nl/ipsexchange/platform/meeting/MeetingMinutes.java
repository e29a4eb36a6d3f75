package nl.ipsexchange.platform.meeting;

import java.time.LocalDate;
import java.util.List;

import nl.ipsexchange.platform.audit.AccessRecorder;

/**
 * The practitioner meeting's decisions about one funding application, as this agency may see them: how a funder's
 * application shows the meeting's "qualifies for funding" (ADR 49) without the funding context naming the meeting's.
 * Supplied by the meeting where it runs; a funder without the meeting lists none.
 */
public interface MeetingMinutes {

    /** No meeting here: no decisions. */
    MeetingMinutes NONE = (applicationId, viewer) -> List.of();

    /** A decision of a meeting linked to an application: its date, who recorded it where, and what it said. */
    record LinkedDecision(String decisionId, LocalDate meetingDate, String recordedAt, String kind,
                          Boolean qualifies, String action, String owner, LocalDate due, String decidedBy) {
    }

    /**
     * The decisions about the application (the trajectory id), oldest meeting first, as shown to {@code viewer}: a
     * decision shared with this agency is a read of the client's data, and recorded as one.
     */
    List<LinkedDecision> about(String applicationId, AccessRecorder.Actor viewer);
}
