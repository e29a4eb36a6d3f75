package nl.ipsexchange.meeting.command;

/** What a decision of a practitioner meeting is about. */
public enum DecisionKind {
    /** Whether a new applicant qualifies for funding. */
    FUNDING_QUALIFICATION,
    /** An action with an owner and a date. */
    ACTION
}
