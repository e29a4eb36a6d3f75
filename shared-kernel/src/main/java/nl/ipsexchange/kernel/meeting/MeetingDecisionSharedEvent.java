package nl.ipsexchange.kernel.meeting;

import java.time.LocalDate;

import org.axonframework.serialization.Revision;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.messaging.IntegrationEvent;
import nl.ipsexchange.kernel.messaging.IntegrationEventType;

/**
 * A decision of the practitioner meeting, as one set of minutes (ADR 49): from the funder that recorded it to the
 * mental health agency (the client's provider), and from there through the consent gate for {@code CASE_REVIEW} to
 * every other agency whose consent covers the case. It is personal data of one category, {@link #CATEGORY}, and is
 * sealed for its recipient when it leaves the mental health agency. The recording agency's free-text note is not in
 * it: the note stays where it was written.
 *
 * @param recordedAt   the agency whose practitioner recorded the decision
 * @param caseRef      the case on the recording agency's agenda (a trajectory or a client)
 * @param trajectoryId the trajectory the case is about, which is the funding application's id; null for a question
 * @param decidedBy    the user who recorded it (staff, not the client)
 */
@IntegrationEventType("MeetingDecisionShared")
@Revision("1")
public record MeetingDecisionSharedEvent(String decisionId, Agency recordedAt, LocalDate meetingDate,
                                         String clientId, String caseRef, String trajectoryId, Kind kind,
                                         Boolean qualifies, String action, String owner, LocalDate due,
                                         String decidedBy) implements IntegrationEvent {

    /** The category the minutes are shared as: what the practitioners decide about the client's work. */
    public static final DataCategory CATEGORY = DataCategory.EMPLOYMENT;

    /** What a decision is about. */
    public enum Kind {
        FUNDING_QUALIFICATION,
        ACTION
    }

    @Override
    public String subject() {
        return clientId;
    }
}
