package nl.ipsexchange.meeting;

import nl.ipsexchange.platform.axon.MovedEventTypes;

/** Meeting events stored while the practitioner meeting lived in the service platform read as the same classes in this module (ADR 0039). */
public class StoredMeetingEventTypes extends MovedEventTypes {

    /** The package these classes had before ADR 0039. */
    static final String FORMER_PACKAGE = "nl.ipsexchange.platform.meeting.";

    public StoredMeetingEventTypes() {
        super(FORMER_PACKAGE, StoredMeetingEventTypes.class.getPackageName() + ".");
    }
}
