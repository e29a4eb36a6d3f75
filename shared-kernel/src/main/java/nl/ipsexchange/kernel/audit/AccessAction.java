package nl.ipsexchange.kernel.audit;

/** What happened to client data (section 6 of the domain brief, plus what consent enforcement adds). */
public enum AccessAction {
    /** A person was shown the data (page, API response). */
    VIEW,
    /** The data left the system as a file or document. */
    EXPORT,
    /** The data was sent to another agency. */
    DISCLOSE,
    /** The data was received from another agency. */
    RECEIVE,
    /** The data was not sent to another agency because no consent covered it. */
    WITHHOLD,
    /** Received data was erased after its consent ended. */
    ERASE
}
