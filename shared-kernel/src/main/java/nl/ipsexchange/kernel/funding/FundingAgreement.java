package nl.ipsexchange.kernel.funding;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import nl.ipsexchange.kernel.Agency;

/**
 * A covenant's funding rules as data: its version and the day it is in force from, amounts, periods, thresholds and
 * tariffs per funder (which funder pays job coaching, at what tariff, too), and the statutory minimum wage by
 * effective date. The default covenant is configured in this module's {@value #DEFAULTS} ({@value #PROPERTIES}), its
 * one home: the funders, the insurer and the mental health agency (which refuses intake hours beyond the maximum)
 * bind the same settings. Another region's covenant, or the next version, is other data, not other code; a funder's
 * approval pins its funder's part ({@link #termsOf}), so that loading another changes nothing that is running
 * (ADR 48).
 *
 * @param version       the covenant version's name, as a trajectory's terms and the funder's application show it
 * @param effectiveFrom the first day the version is in force: a funder approves under it on that day or later
 */
public record FundingAgreement(String version, LocalDate effectiveFrom, Municipality municipality, Benefits benefits,
                               Insurer insurer, List<MinimumWage> minimumWage) {

    /** The settings' prefix: a service binds this record from it. */
    public static final String PROPERTIES = "ips.funding.agreement";

    /**
     * The default covenant's file on the class path: a service that needs the covenant adds it below its own file
     * and the environment, which may override any of it.
     */
    public static final String DEFAULTS = "ips-funding-agreement.yml";

    public FundingAgreement {
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException(PROPERTIES + ".version: the covenant version is required");
        }
        Objects.requireNonNull(effectiveFrom, PROPERTIES + ".effective-from");
        Objects.requireNonNull(municipality, "municipality");
        Objects.requireNonNull(benefits, "benefits");
        Objects.requireNonNull(insurer, "insurer");
        minimumWage = minimumWage.stream().sorted(Comparator.comparing(MinimumWage::from)).toList();
    }

    /** Social assistance clients; {@code jobCoachingHourlyTariff} null (not configured): pays no job coaching. */
    public record Municipality(BigDecimal start, BigDecimal threeMonths, BigDecimal finalPayment,
                               int finalAfterMonths, BigDecimal placementBonus, int bonusWindowMonths,
                               BigDecimal bonusMinHoursPerWeek, int bonusMinJobMonths,
                               BigDecimal jobCoachingHourlyTariff) {
    }

    /** Disability benefit clients; {@code jobCoachingHourlyTariff} null (not configured): pays no job coaching. */
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

    /** The part of this covenant version a funder's schedule is computed by, as an approval pins it. */
    public FunderTerms termsOf(Agency funder) {
        return switch (funder) {
            case MUNICIPALITY -> new FunderTerms(version, effectiveFrom, municipality.start(),
                    municipality.threeMonths(), municipality.finalPayment(), municipality.finalAfterMonths(),
                    municipality.placementBonus(), municipality.bonusWindowMonths(),
                    municipality.bonusMinHoursPerWeek(), null, municipality.bonusMinJobMonths(),
                    municipality.jobCoachingHourlyTariff());
            case BENEFITS -> new FunderTerms(version, effectiveFrom, benefits.start(), null,
                    benefits.finalPayment(), benefits.finalAfterMonths(), benefits.placementBonus(), null,
                    benefits.bonusMinHoursPerWeek(), benefits.bonusMinWagePercent(), benefits.bonusMinJobMonths(),
                    benefits.jobCoachingHourlyTariff());
            default -> throw new IllegalArgumentException(funder + " funds no trajectories under the covenant");
        };
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
