package nl.ipsexchange.kernel.funding;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One funder's part of one covenant version: what a funder's schedule needs of the covenant, and what an approval
 * pins so that a trajectory keeps the terms in force when it was approved (ADR 48). A field a funder's part does not
 * have is null: {@code threeMonths} and {@code bonusWindowMonths} (the benefits agency), {@code bonusMinWagePercent}
 * (the municipality), and {@code jobCoachingHourlyTariff} for a funder that pays no job coaching. The minimum-wage
 * table is not part of it: the statutory wage in force on a job's start date is a fact of that date, not a term.
 *
 * @param covenantVersion the covenant version these terms are part of
 * @param effectiveFrom   the first day that version is in force
 */
public record FunderTerms(String covenantVersion, LocalDate effectiveFrom, BigDecimal start, BigDecimal threeMonths,
                          BigDecimal finalPayment, int finalAfterMonths, BigDecimal placementBonus,
                          Integer bonusWindowMonths, BigDecimal bonusMinHoursPerWeek, BigDecimal bonusMinWagePercent,
                          int bonusMinJobMonths, BigDecimal jobCoachingHourlyTariff) {

    public FunderTerms {
        Objects.requireNonNull(covenantVersion, "covenantVersion");
        Objects.requireNonNull(effectiveFrom, "effectiveFrom");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(finalPayment, "finalPayment");
        Objects.requireNonNull(placementBonus, "placementBonus");
        Objects.requireNonNull(bonusMinHoursPerWeek, "bonusMinHoursPerWeek");
    }

    /** Whether this funder pays job coaching under these terms: the covenant names its tariff. */
    public boolean paysJobCoaching() {
        return jobCoachingHourlyTariff != null;
    }
}
