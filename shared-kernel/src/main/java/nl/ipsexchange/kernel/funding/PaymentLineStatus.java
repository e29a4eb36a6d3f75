package nl.ipsexchange.kernel.funding;

/** Where a line of a funder's payment schedule stands. */
public enum PaymentLineStatus {
    SCHEDULED,
    /** Its due date came. */
    DUE,
    /** Its due date moved (e.g. the final payment to the close date). */
    RESCHEDULED,
    CANCELLED,
    /** The funder recorded the payment. */
    PAID,
    /** A paid line that was corrected. */
    CORRECTED
}
