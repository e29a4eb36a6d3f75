package nl.ipsexchange.kernel.funding;

/**
 * Why a funder did not approve, in words the mental health agency can act on without health content (ADR 46, like
 * ADR 40's coded answers): the funder's staff's own words stay at the funder.
 */
public enum FundingDecisionReason {
    /** No fidelity review of the trajectory's IPS team is known to the funder. */
    NO_FIDELITY_REVIEW,
    /** The newest fidelity review of the trajectory's team is below FAIR. */
    FIDELITY_BELOW_FAIR,
    /** The newest fidelity review of the trajectory's team is older than the covenant allows (ADR 45). */
    FIDELITY_REVIEW_TOO_OLD,
    /** The newest fidelity review of the trajectory's team is not independent, and the covenant needs it to be. */
    FIDELITY_REVIEW_NOT_INDEPENDENT,
    /** The application names no IPS team (sent before applications named one): no review can open it. */
    NO_TEAM_NAMED,
    /** The application's details were erased when the client's consent ended: it can no longer be decided. */
    DETAILS_ERASED,
    /** The funder's staff rejected the application; their reasons are with the funder (contact the case manager). */
    REJECTED_BY_FUNDER,
    /** Any other reason: contact the funder. */
    OTHER
}
