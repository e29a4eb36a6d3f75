package nl.ipsexchange.kernel.funding;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A covenant's funding rules as data: amounts, periods and thresholds per funder, and the statutory minimum wage
 * by effective date. The default covenant is configured in this module's {@value #DEFAULTS} ({@value #PROPERTIES}),
 * its one home: the funders, the insurer and the mental health agency (which refuses intake hours beyond the
 * maximum) bind the same settings. Another region's covenant is other data, not other code.
 */
public record FundingAgreement(Municipality municipality, Benefits benefits, Insurer insurer,
                               List<MinimumWage> minimumWage) {

    /** The settings' prefix: a service binds this record from it. */
    public static final String PROPERTIES = "ips.funding.agreement";

    /**
     * The default covenant's file on the class path: a service that needs the covenant adds it below its own file
     * and the environment, which may override any of it.
     */
    public static final String DEFAULTS = "ips-funding-agreement.yml";

    public FundingAgreement {
        Objects.requireNonNull(municipality, "municipality");
        Objects.requireNonNull(benefits, "benefits");
        Objects.requireNonNull(insurer, "insurer");
        minimumWage = minimumWage.stream().sorted(Comparator.comparing(MinimumWage::from)).toList();
    }

    /** Social assistance clients. */
    public record Municipality(BigDecimal start, BigDecimal threeMonths, BigDecimal finalPayment,
                               int finalAfterMonths, BigDecimal placementBonus, int bonusWindowMonths,
                               BigDecimal bonusMinHoursPerWeek, int bonusMinJobMonths) {
    }

    /** Disability benefit clients. */
    public record Benefits(BigDecimal start, BigDecimal finalPayment, int finalAfterMonths,
                           BigDecimal placementBonus, BigDecimal bonusMinHoursPerWeek,
                           BigDecimal bonusMinWagePercent, int bonusMinJobMonths,
                           BigDecimal jobCoachingHourlyTariff) {
    }

    /** The intake (assessment) phase. */
    public record Insurer(BigDecimal intakeHourlyTariff, BigDecimal intakeMaxHours) {
    }

    /** The statutory full-time minimum monthly wage in force from a date. */
    public record MinimumWage(LocalDate from, BigDecimal monthly) {
    }

    /** The minimum monthly wage in force on a date. */
    public BigDecimal minimumWageOn(LocalDate date) {
        BigDecimal inForce = null;
        for (MinimumWage wage : minimumWage) {
            if (!wage.from().isAfter(date)) {
                inForce = wage.monthly();
            }
        }
        if (inForce == null) {
            throw new IllegalStateException("no minimum wage configured for " + date);
        }
        return inForce;
    }
}
