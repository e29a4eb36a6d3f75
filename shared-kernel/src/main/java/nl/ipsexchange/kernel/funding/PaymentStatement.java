package nl.ipsexchange.kernel.funding;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;

import nl.ipsexchange.kernel.Agency;

/**
 * What is owed for a period, as the funders and the mental health agency both state it (ADR 0047): per trajectory and
 * funder, owed (what fell due in the period; a cancelled line owes nothing, a correction owes back), paid (what was
 * paid in it) and outstanding (all owed up to its end less all paid by then), with the totals.
 */
public record PaymentStatement(LocalDate from, LocalDate to, List<Line> trajectories, BigDecimal owed,
                               BigDecimal paid, BigDecimal outstanding) {

    /** One trajectory's money from one funder in the period. */
    public record Line(String trajectoryId, Agency funder, BigDecimal owed, BigDecimal paid, BigDecimal outstanding) {
    }

    /** The statement of the period with these lines, and their totals. */
    public static PaymentStatement of(StatementPeriod period, List<Line> lines) {
        return new PaymentStatement(period.from(), period.to(), List.copyOf(lines), total(lines, Line::owed),
                total(lines, Line::paid), total(lines, Line::outstanding));
    }

    private static BigDecimal total(List<Line> lines, Function<Line, BigDecimal> figure) {
        return lines.stream().map(figure).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
