package nl.ipsexchange.kernel.funding;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A job as the funding rules see it: competitive or not, hours, wage, start and (once known) end. */
public record Placement(String placementId, boolean competitive, BigDecimal hoursPerWeek, BigDecimal monthlyGrossWage,
                        LocalDate startDate, LocalDate endDate) {

    public Placement ended(LocalDate end) {
        return new Placement(placementId, competitive, hoursPerWeek, monthlyGrossWage, startDate, end);
    }

    /** Whether the job lasted (or is still running at) the given date. */
    public boolean runsThrough(LocalDate date) {
        return endDate == null || !endDate.isBefore(date);
    }
}
