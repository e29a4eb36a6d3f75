package nl.ipsexchange.status;

import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import nl.ipsexchange.platform.web.FieldProblem;
import nl.ipsexchange.platform.web.InputDates;
import nl.ipsexchange.platform.web.InvalidFieldsException;

/**
 * A calendar quarter, the only period the de-identified figures are given for (ADR 53): figures of two periods that
 * overlap, or of a period and the quarters within it, would give the figures of their difference, below the minimum
 * count too. Written {@code 2026-Q3}; the years are those of the dates a service takes ({@link InputDates}).
 */
public record StatusQuarter(int year, int number) {

    /** What a request is told when it asks for another period; no value it gave is repeated. */
    static final String QUARTER_EXPECTED = "must be a calendar quarter as yyyy-Qn (n from 1 to 4), such as 2026-Q3, "
            + "from " + InputDates.EARLIEST.getYear() + "-Q1 to " + InputDates.LATEST.getYear() + "-Q4";
    static final String ONE_QUARTER = "the figures are given per calendar quarter only: from must be the first day "
            + "of a quarter and to the last day of the same quarter (or ask for quarter=yyyy-Qn)";

    private static final Pattern FORM = Pattern.compile("(\\d{4})-Q([1-4])");

    public StatusQuarter {
        if (number < 1 || number > 4) {
            throw new IllegalArgumentException("a quarter is numbered 1 to 4");
        }
    }

    /** The quarter {@code text} names ({@code 2026-Q3}); {@link IllegalArgumentException} if none. */
    public static StatusQuarter parse(String text) {
        Matcher quarter = text == null ? null : FORM.matcher(text);
        if (quarter == null || !quarter.matches()) {
            throw new IllegalArgumentException(QUARTER_EXPECTED);
        }
        int year = Integer.parseInt(quarter.group(1));
        if (year < InputDates.EARLIEST.getYear() || year > InputDates.LATEST.getYear()) {
            throw new IllegalArgumentException(QUARTER_EXPECTED);
        }
        return new StatusQuarter(year, Integer.parseInt(quarter.group(2)));
    }

    public static StatusQuarter containing(LocalDate day) {
        return new StatusQuarter(day.getYear(), (day.getMonthValue() + 2) / 3);
    }

    /**
     * The quarter a request asks for: {@code quarter}, or {@code from} and {@code to} when they are exactly one
     * quarter's first and last day (as links made before quarters ask), or without either the quarter of
     * {@code today}.
     *
     * @throws InvalidFieldsException naming the field that asks for anything else, and the rule
     */
    public static StatusQuarter requested(String quarter, LocalDate from, LocalDate to, LocalDate today) {
        if (quarter != null && (from != null || to != null)) {
            throw invalid("quarter", "give either quarter or from and to, not both");
        }
        if (quarter != null) {
            try {
                return parse(quarter);
            } catch (IllegalArgumentException notAQuarter) {
                throw invalid("quarter", QUARTER_EXPECTED);
            }
        }
        if (from == null && to == null) {
            return containing(today);
        }
        if (from == null || !from.equals(containing(from).first())) {
            throw invalid("from", ONE_QUARTER);
        }
        if (to == null || !to.equals(containing(from).last())) {
            throw invalid("to", ONE_QUARTER);
        }
        return containing(from);
    }

    private static InvalidFieldsException invalid(String field, String rule) {
        return new InvalidFieldsException(List.of(new FieldProblem(field, rule)));
    }

    public LocalDate first() {
        return LocalDate.of(year, number * 3 - 2, 1);
    }

    public LocalDate last() {
        return first().plusMonths(3).minusDays(1);
    }

    public StatusQuarter previous() {
        return containing(first().minusDays(1));
    }

    public StatusQuarter next() {
        return containing(last().plusDays(1));
    }

    /** Whether its figures can still grow as the quarter goes on: it has not ended on {@code today}. */
    public boolean provisionalOn(LocalDate today) {
        return !today.isAfter(last());
    }

    @Override
    public String toString() {
        return year + "-Q" + number;
    }
}
