package nl.ipsexchange.kernel.funding;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Optional;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.RuleViolationException;

/**
 * The covenant's payment rules (section 4 of the domain brief) as pure functions of a funder's terms
 * ({@link FunderTerms}: those of the version in force on an approval's day, {@link #termsForAnApprovalOn}, kept by the
 * trajectory for good), the statutory minimum wage and the dates users give. Nothing here names a funder or reads a
 * clock: what a funder pays is in its terms.
 */
public final class FundingRules {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final int THREE_MONTHS = 3;

    private final FundingAgreement agreement;

    public FundingRules(FundingAgreement agreement) {
        this.agreement = agreement;
    }

    public FundingAgreement agreement() {
        return agreement;
    }

    /**
     * The funder's part of the covenant version in force on {@code day}, the day an approval is decided: the one an
     * approval then pins. Before the first version no approval can be decided: a conflict naming it.
     */
    public FunderTerms termsForAnApprovalOn(Agency funder, LocalDate day) {
        FundingAgreement.Version inForce = agreement.inForceOn(day).orElseThrow(() -> {
            FundingAgreement.Version first = agreement.first();
            return RuleViolationException.conflict("no covenant version is in force on " + day + ": the first, "
                    + first.version() + ", is in force from " + first.effectiveFrom());
        });
        return inForce.termsOf(funder);
    }

    /** The funder's part of the named version, if this covenant has that version. */
    public Optional<FunderTerms> termsOf(Agency funder, String covenantVersion) {
        return agreement.version(covenantVersion).map(version -> version.termsOf(funder));
    }

    /** The three-months payment's date, when the terms have one. */
    public Optional<LocalDate> threeMonthsDate(FunderTerms terms, LocalDate start) {
        return terms.threeMonths() == null ? Optional.empty() : Optional.of(start.plusMonths(THREE_MONTHS));
    }

    /** The three-months payment is due only if the trajectory is still open on that date. */
    public boolean threeMonthsDue(LocalDate start, LocalDate closedOn) {
        return closedOn == null || !closedOn.isBefore(start.plusMonths(THREE_MONTHS));
    }

    /** The latest date of the final payment: the terms' months after the start (18 or 36 in the default covenant). */
    public LocalDate finalCap(FunderTerms terms, LocalDate start) {
        return start.plusMonths(terms.finalAfterMonths());
    }

    /** The final payment falls due when the trajectory closes or at the cap, whichever comes first. */
    public LocalDate finalDueDate(FunderTerms terms, LocalDate start, LocalDate closedOn) {
        LocalDate cap = finalCap(terms, start);
        return closedOn != null && closedOn.isBefore(cap) ? closedOn : cap;
    }

    /**
     * Whether a job can earn the placement bonus, judged on what is known at its start, and if so why not
     * otherwise: empty when it qualifies (it must then still last the required period). A window after the start
     * and a share of the minimum wage apply when the terms have them.
     */
    public Optional<String> bonusDisqualification(FunderTerms terms, LocalDate trajectoryStart, Placement job) {
        if (!job.competitive()) {
            return Optional.of("not a competitive job");
        }
        BigDecimal minHours = terms.bonusMinHoursPerWeek();
        if (job.hoursPerWeek().compareTo(minHours) < 0) {
            return Optional.of("fewer than " + minHours.stripTrailingZeros().toPlainString() + " hours a week");
        }
        if (terms.bonusWindowMonths() != null) {
            LocalDate windowEnd = trajectoryStart.plusMonths(terms.bonusWindowMonths());
            if (!job.startDate().isBefore(windowEnd)) {
                return Optional.of("the job started more than " + terms.bonusWindowMonths()
                        + " months after the trajectory start");
            }
        }
        if (terms.bonusMinWagePercent() != null) {
            BigDecimal threshold = minimumWageThreshold(terms, job.startDate());
            if (job.monthlyGrossWage().compareTo(threshold) < 0) {
                return Optional.of("the wage is below " + terms.bonusMinWagePercent()
                        .stripTrailingZeros().toPlainString() + "% of the minimum wage on the job's start date");
            }
        }
        if (job.startDate().isBefore(trajectoryStart)) {
            return Optional.of("the job started before the trajectory");
        }
        return Optional.empty();
    }

    /** The day the required period of the job is complete: the bonus's due date. */
    public LocalDate bonusDueDate(FunderTerms terms, Placement job) {
        return job.startDate().plusMonths(terms.bonusMinJobMonths());
    }

    /** The job lasted the full required period: it ran through (at least) the due date. */
    public boolean bonusEarned(FunderTerms terms, Placement job) {
        return job.runsThrough(bonusDueDate(terms, job));
    }

    /** The wage a job must at least pay for a bonus whose terms set a share of the minimum wage. */
    public BigDecimal minimumWageThreshold(FunderTerms terms, LocalDate jobStart) {
        return agreement.minimumWageOn(jobStart).multiply(terms.bonusMinWagePercent())
                .divide(HUNDRED, 2, RoundingMode.UP);
    }

    /** A job-coaching session's amount at the terms' tariff, or empty when the funder pays no job coaching. */
    public Optional<BigDecimal> jobCoachingAmount(FunderTerms terms, BigDecimal hours) {
        return terms.paysJobCoaching() ? Optional.of(money(hours.multiply(terms.jobCoachingHourlyTariff())))
                : Optional.empty();
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
