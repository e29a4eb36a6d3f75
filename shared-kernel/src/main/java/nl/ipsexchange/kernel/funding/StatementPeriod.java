package nl.ipsexchange.kernel.funding;

import java.time.LocalDate;

import nl.ipsexchange.kernel.RuleViolationException;

/**
 * The period of a payment statement, from and to inclusive: it does not end before it starts and covers at most ten
 * years. The funders and the mental health agency ask for statements by the same rule (ADR 0047).
 */
public record StatementPeriod(LocalDate from, LocalDate to) {

    public StatementPeriod {
        if (from == null || to == null) {
            throw RuleViolationException.invalid((from == null ? "from" : "to") + ": is required");
        }
        if (to.isBefore(from)) {
            throw RuleViolationException.invalid("to: must not be before from (" + from + ")");
        }
        if (from.plusYears(10).isBefore(to)) {
            throw RuleViolationException.invalid("to: a statement covers at most ten years");
        }
    }
}
