package nl.ipsexchange.kernel.funding;

/** The kinds of payment line in a funder's schedule (section 4 of the domain brief). */
public enum PaymentType {
    START,
    THREE_MONTHS,
    FINAL,
    PLACEMENT_BONUS,
    JOB_COACHING,
    INTAKE
}
