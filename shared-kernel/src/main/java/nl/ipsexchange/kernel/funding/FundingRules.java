package nl.ipsexchange.kernel.funding;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Optional;

import nl.ipsexchange.kernel.Agency;

/**
 * The covenant's payment rules (section 4 of the domain brief) as pure functions of the agreement and the dates
 * users give. Funders' aggregates call these; nothing here reads a clock.
 */
public final class FundingRules {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final FundingAgreement agreement;

    public FundingRules(FundingAgreement agreement) {
        this.agreement = agreement;
    }

    public FundingAgreement agreement() {
        return agreement;
    }

    public BigDecimal startAmount(Agency funder) {
        return funder == Agency.MUNICIPALITY ? agreement.municipality().start() : agreement.benefits().start();
    }

    public BigDecimal finalAmount(Agency funder) {
        return funder == Agency.MUNICIPALITY ? agreement.municipality().finalPayment()
                : agreement.benefits().finalPayment();
    }

    /** Only the municipality pays after three months. */
    public Optional<LocalDate> threeMonthsDate(Agency funder, LocalDate start) {
        return funder == Agency.MUNICIPALITY ? Optional.of(start.plusMonths(3)) : Optional.empty();
    }

    /** The three-months payment is due only if the trajectory is still open on that date. */
    public boolean threeMonthsDue(LocalDate start, LocalDate closedOn) {
        return closedOn == null || !closedOn.isBefore(start.plusMonths(3));
    }

    /** The latest date of the final payment: 18 (municipality) or 36 (benefits agency) months after the start. */
    public LocalDate finalCap(Agency funder, LocalDate start) {
        return start.plusMonths(funder == Agency.MUNICIPALITY ? agreement.municipality().finalAfterMonths()
                : agreement.benefits().finalAfterMonths());
    }

    /** The final payment falls due when the trajectory closes or at the cap, whichever comes first. */
    public LocalDate finalDueDate(Agency funder, LocalDate start, LocalDate closedOn) {
        LocalDate cap = finalCap(funder, start);
        return closedOn != null && closedOn.isBefore(cap) ? closedOn : cap;
    }

    public BigDecimal bonusAmount(Agency funder) {
        return funder == Agency.MUNICIPALITY ? agreement.municipality().placementBonus()
                : agreement.benefits().placementBonus();
    }

    /**
     * Whether a job can earn the placement bonus, judged on what is known at its start, and if so why not
     * otherwise: empty when it qualifies (it must then still last the required period).
     */
    public Optional<String> bonusDisqualification(Agency funder, LocalDate trajectoryStart, Placement job) {
        if (!job.competitive()) {
            return Optional.of("not a competitive job");
        }
        BigDecimal minHours = funder == Agency.MUNICIPALITY ? agreement.municipality().bonusMinHoursPerWeek()
                : agreement.benefits().bonusMinHoursPerWeek();
        if (job.hoursPerWeek().compareTo(minHours) < 0) {
            return Optional.of("fewer than " + minHours.stripTrailingZeros().toPlainString() + " hours a week");
        }
        if (funder == Agency.MUNICIPALITY) {
            LocalDate windowEnd = trajectoryStart.plusMonths(agreement.municipality().bonusWindowMonths());
            if (!job.startDate().isBefore(windowEnd)) {
                return Optional.of("the job started more than " + agreement.municipality().bonusWindowMonths()
                        + " months after the trajectory start");
            }
        } else {
            BigDecimal threshold = minimumWageThreshold(job.startDate());
            if (job.monthlyGrossWage().compareTo(threshold) < 0) {
                return Optional.of("the wage is below " + agreement.benefits().bonusMinWagePercent()
                        .stripTrailingZeros().toPlainString() + "% of the minimum wage on the job's start date");
            }
        }
        if (job.startDate().isBefore(trajectoryStart)) {
            return Optional.of("the job started before the trajectory");
        }
        return Optional.empty();
    }

    /** The day the required period of the job is complete: the bonus's due date. */
    public LocalDate bonusDueDate(Agency funder, Placement job) {
        return job.startDate().plusMonths(funder == Agency.MUNICIPALITY ? agreement.municipality().bonusMinJobMonths()
                : agreement.benefits().bonusMinJobMonths());
    }

    /** The job lasted the full required period: it ran through (at least) the due date. */
    public boolean bonusEarned(Agency funder, Placement job) {
        return job.runsThrough(bonusDueDate(funder, job));
    }

    /** The wage a job must at least pay for the benefits agency's bonus. */
    public BigDecimal minimumWageThreshold(LocalDate jobStart) {
        return agreement.minimumWageOn(jobStart).multiply(agreement.benefits().bonusMinWagePercent())
                .divide(HUNDRED, 2, RoundingMode.UP);
    }

    public BigDecimal jobCoachingAmount(BigDecimal hours) {
        return money(hours.multiply(agreement.benefits().jobCoachingHourlyTariff()));
    }

    public BigDecimal intakeAmount(BigDecimal hours) {
        return money(hours.multiply(agreement.insurer().intakeHourlyTariff()));
    }

    public BigDecimal intakeMaxHours() {
        return agreement.insurer().intakeMaxHours();
    }

    private static BigDecimal money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }
}
