package nl.ipsexchange.meeting;

import java.util.Map;

import nl.ipsexchange.meeting.command.MeetingEvents.MeetingDecisionRecordedEvent;
import nl.ipsexchange.platform.axon.MovedEventTypes;

/**
 * Meeting decisions stored under their former class names read as this module's event: from while the meeting lived
 * in the service platform (ADR 0039), and from while its commands and events shared one file (ADR 0042).
 */
public class StoredMeetingEventTypes extends MovedEventTypes {

    /** The package the meeting's classes had before ADR 0039. */
    private static final String FORMER_PACKAGE = "nl.ipsexchange.platform.meeting.";

    public StoredMeetingEventTypes() {
        super(Map.of(
                FORMER_PACKAGE + "command.MeetingMessages$MeetingDecisionRecordedEvent",
                MeetingDecisionRecordedEvent.class.getName(),
                "nl.ipsexchange.meeting.command.MeetingMessages$MeetingDecisionRecordedEvent",
                MeetingDecisionRecordedEvent.class.getName()));
    }
}
