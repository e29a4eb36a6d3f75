package nl.ipsexchange.kernel;

/** Why data about a client is shared (section 5 of the domain brief). */
public enum Purpose {
    FUNDING_DECISION,
    CASE_REVIEW,
    BENEFITS_COUNSELLING,
    JOB_SUPPORT,
    BILLING
}
