package nl.ipsexchange.kernel.funding;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import nl.ipsexchange.kernel.Agency;

/**
 * A covenant's funding rules as data: its versions, each in force from a day until the next one's (amounts, periods,
 * thresholds and tariffs per funder, which funder pays job coaching at what tariff too), the intake terms and the
 * statutory minimum wage by effective date. The default covenant is configured in this module's {@value #DEFAULTS}
 * ({@value #PROPERTIES}), its one home: the funders, the insurer and the mental health agency bind the same settings.
 * Another region's covenant, or the next version, is other data, not other code; a funder's approval pins its funder's
 * part of the version in force on the day of the decision ({@link Version#termsOf}), so that loading another changes
 * nothing that is running (ADRs 48, 52).
 * <p>
 * The first version is the one the settings have always named ({@code version}, {@code effective-from},
 * {@code municipality}, {@code benefits}), so that single-version settings bind as before; the versions that follow it
 * are {@code later-versions}, each complete and in force from a day after the one before it.
 *
 * @param version       the first version's name, as a trajectory's terms and the funder's application show it
 * @param effectiveFrom the first day the first version is in force: no approval is decided before it
 * @param laterVersions the versions that follow the first, in the order they come into force (none: empty or null)
 */
public record FundingAgreement(String version, LocalDate effectiveFrom, Municipality municipality, Benefits benefits,
                               List<Version> laterVersions, Insurer insurer, List<MinimumWage> minimumWage) {

    /** The settings' prefix: a service binds this record from it. */
    public static final String PROPERTIES = "ips.funding.agreement";

    /**
     * The default covenant's file on the class path: a service that needs the covenant adds it below its own file
     * and the environment, which may override any of it.
     */
    public static final String DEFAULTS = "ips-funding-agreement.yml";

    /** The one constructor: the settings bind through it. */
    public FundingAgreement {
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException(PROPERTIES + ".version: the covenant version is required");
        }
        Objects.requireNonNull(effectiveFrom, PROPERTIES + ".effective-from");
        Objects.requireNonNull(municipality, "municipality");
        Objects.requireNonNull(benefits, "benefits");
        Objects.requireNonNull(insurer, "insurer");
        laterVersions = laterVersions == null ? List.of() : List.copyOf(laterVersions);
        minimumWage = minimumWage.stream().sorted(Comparator.comparing(MinimumWage::from)).toList();
        new Version(version, effectiveFrom, municipality, benefits);
        requireInOrder(version, effectiveFrom, laterVersions);
    }

    /**
     * Each later version comes into force after the one before it (so every day has at most one version in force, and
     * a list written out of order is a mistake, not a wish) and has a name of its own.
     */
    private static void requireInOrder(String first, LocalDate firstFrom, List<Version> later) {
        Set<String> names = new HashSet<>(Set.of(first));
        LocalDate previous = firstFrom;
        for (int i = 0; i < later.size(); i++) {
            Version next = later.get(i);
            String field = PROPERTIES + ".later-versions[" + i + "]";
            if (!next.effectiveFrom().isAfter(previous)) {
                throw new IllegalArgumentException(field + ".effective-from: " + next.effectiveFrom()
                        + " must be after " + previous + ", the day the version before it is in force from");
            }
            if (!names.add(next.version())) {
                throw new IllegalArgumentException(field + ".version: " + next.version() + " is named twice");
            }
            previous = next.effectiveFrom();
        }
    }

    /**
     * One version of the covenant: the funders' parts in force from {@code effectiveFrom} until the next version's
     * first day. Every amount and period is given: a later version inherits nothing from the one before it.
     */
    public record Version(String version, LocalDate effectiveFrom, Municipality municipality, Benefits benefits) {

        public Version {
            if (version == null || version.isBlank()) {
                throw new IllegalArgumentException("version: the covenant version's name is required");
            }
            Objects.requireNonNull(effectiveFrom, "effective-from: the day the version is in force from");
            Objects.requireNonNull(municipality, "municipality: the municipality's part");
            Objects.requireNonNull(benefits, "benefits: the benefits agency's part");
        }

        /** The part of this version a funder's schedule is computed by, as an approval pins it. */
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
    }

    /** Social assistance clients; {@code jobCoachingHourlyTariff} null (not configured): pays no job coaching. */
    public record Municipality(BigDecimal start, BigDecimal threeMonths, BigDecimal finalPayment,
                               int finalAfterMonths, BigDecimal placementBonus, int bonusWindowMonths,
                               BigDecimal bonusMinHoursPerWeek, int bonusMinJobMonths,
                               BigDecimal jobCoachingHourlyTariff) {

        public Municipality {
            required(start, "municipality.start");
            required(threeMonths, "municipality.three-months");
            required(finalPayment, "municipality.final-payment");
            required(placementBonus, "municipality.placement-bonus");
            required(bonusMinHoursPerWeek, "municipality.bonus-min-hours-per-week");
            positive(finalAfterMonths, "municipality.final-after-months");
            positive(bonusWindowMonths, "municipality.bonus-window-months");
            positive(bonusMinJobMonths, "municipality.bonus-min-job-months");
        }
    }

    /** Disability benefit clients; {@code jobCoachingHourlyTariff} null (not configured): pays no job coaching. */
    public record Benefits(BigDecimal start, BigDecimal finalPayment, int finalAfterMonths,
                           BigDecimal placementBonus, BigDecimal bonusMinHoursPerWeek,
                           BigDecimal bonusMinWagePercent, int bonusMinJobMonths,
                           BigDecimal jobCoachingHourlyTariff) {

        public Benefits {
            required(start, "benefits.start");
            required(finalPayment, "benefits.final-payment");
            required(placementBonus, "benefits.placement-bonus");
            required(bonusMinHoursPerWeek, "benefits.bonus-min-hours-per-week");
            required(bonusMinWagePercent, "benefits.bonus-min-wage-percent");
            positive(finalAfterMonths, "benefits.final-after-months");
            positive(bonusMinJobMonths, "benefits.bonus-min-job-months");
        }
    }

    /** The intake (assessment) phase. */
    public record Insurer(BigDecimal intakeHourlyTariff, BigDecimal intakeMaxHours) {
    }

    /** The statutory full-time minimum monthly wage in force from a date. */
    public record MinimumWage(LocalDate from, BigDecimal monthly) {
    }

    /** Every version, the first first, in the order they come into force. */
    public List<Version> versions() {
        List<Version> all = new ArrayList<>();
        all.add(first());
        all.addAll(laterVersions);
        return List.copyOf(all);
    }

    /** The first version: the one the single-version settings name. */
    public Version first() {
        return new Version(version, effectiveFrom, municipality, benefits);
    }

    /** The version in force on a day: the one with the latest first day on or before it; none before the first. */
    public Optional<Version> inForceOn(LocalDate day) {
        Version inForce = null;
        for (Version candidate : versions()) {
            if (!candidate.effectiveFrom().isAfter(day)) {
                inForce = candidate;
            }
        }
        return Optional.ofNullable(inForce);
    }

    /**
     * The version an approval decided on {@code day} without naming its version is under: the one in force that day,
     * and for a day before the first version (an approval stored before versions were chosen by date) the first.
     * Funders and the mental health agency apply the same rule, so both judge such a trajectory alike.
     */
    public Version versionOfAnApprovalOn(LocalDate day) {
        return inForceOn(day).orElseGet(this::first);
    }

    /** The version of that name, if this covenant has it. */
    public Optional<Version> version(String name) {
        return versions().stream().filter(candidate -> candidate.version().equals(name)).findFirst();
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

    private static void required(Object value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + ": is required");
        }
    }

    private static void positive(int value, String field) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + ": must be more than zero");
        }
    }
}
