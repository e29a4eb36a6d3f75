package nl.ipsexchange.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import nl.ipsexchange.platform.web.FieldProblem;
import nl.ipsexchange.platform.web.InvalidFieldsException;

/** The de-identified figures are given per calendar quarter only (ADR 53): what a request may ask for. */
class StatusQuarterTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 8, 14);

    @Test
    void withoutAPeriodTheCurrentQuarterIsAskedForAndItIsProvisional() {
        StatusQuarter current = StatusQuarter.requested(null, null, null, TODAY);

        assertThat(current).hasToString("2026-Q3");
        assertThat(current.first()).isEqualTo(LocalDate.of(2026, 7, 1));
        assertThat(current.last()).isEqualTo(LocalDate.of(2026, 9, 30));
        assertThat(current.provisionalOn(TODAY)).isTrue();
        assertThat(current.provisionalOn(LocalDate.of(2026, 10, 1))).isFalse();
    }

    @ParameterizedTest(name = "{0}: {1} to {2}")
    @CsvSource({"1900-Q1, 1900-01-01, 1900-03-31", "2024-Q1, 2024-01-01, 2024-03-31", "2026-Q2, 2026-04-01, 2026-06-30",
            "2026-Q4, 2026-10-01, 2026-12-31", "2199-Q4, 2199-10-01, 2199-12-31"})
    void aQuarterIsAskedForByItsName(String name, LocalDate first, LocalDate last) {
        StatusQuarter quarter = StatusQuarter.requested(name, null, null, TODAY);

        assertThat(quarter.first()).isEqualTo(first);
        assertThat(quarter.last()).isEqualTo(last);
        assertThat(quarter).hasToString(name);
    }

    @Test
    void aQuartersFirstAndLastDayAskForIt() {
        assertThat(StatusQuarter.requested(null, LocalDate.of(2026, 7, 1), LocalDate.of(2026, 9, 30), TODAY))
                .isEqualTo(new StatusQuarter(2026, 3));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"2026-Q5", "2026-Q0", "2026Q3", "2026-q3", "26-Q3", "1899-Q4", "2200-Q1", " 2026-Q3",
            "2026-Q3-", "", "Q3-2026", "2026-H2"})
    void anythingElseNamedAsAQuarterIsRefusedNamingQuarterAndTheRule(String asked) {
        assertThatThrownBy(() -> StatusQuarter.requested(asked, null, null, TODAY))
                .isInstanceOfSatisfying(InvalidFieldsException.class, refused -> assertThat(refused.problems())
                        .containsExactly(new FieldProblem("quarter", StatusQuarter.QUARTER_EXPECTED)));
    }

    @ParameterizedTest(name = "{0} to {1}: {2}")
    @CsvSource(nullValues = "none", value = {
            "2026-07-02, 2026-09-30, from", "2026-07-01, 2026-09-29, to", "2026-07-01, 2026-12-31, to",
            "2026-01-01, 2026-12-31, to", "2026-07-01, none, to", "none, 2026-09-30, from",
            "2026-06-30, 2026-09-30, from", "2026-10-01, 2026-09-30, to"})
    void aPeriodThatIsNotExactlyOneQuarterIsRefusedNamingTheField(LocalDate from, LocalDate to, String field) {
        assertThatThrownBy(() -> StatusQuarter.requested(null, from, to, TODAY))
                .isInstanceOfSatisfying(InvalidFieldsException.class, refused -> assertThat(refused.problems())
                        .containsExactly(new FieldProblem(field, StatusQuarter.ONE_QUARTER)));
    }

    @Test
    void aQuarterAndAPeriodTogetherAreRefused() {
        assertThatThrownBy(() -> StatusQuarter.requested("2026-Q3", LocalDate.of(2026, 7, 1), null, TODAY))
                .isInstanceOfSatisfying(InvalidFieldsException.class, refused -> assertThat(refused.problems())
                        .extracting(FieldProblem::field).containsExactly("quarter"));
    }

    @Test
    void quartersFollowEachOtherAcrossTheYear() {
        assertThat(new StatusQuarter(2026, 1).previous()).isEqualTo(new StatusQuarter(2025, 4));
        assertThat(new StatusQuarter(2025, 4).next()).isEqualTo(new StatusQuarter(2026, 1));
        assertThat(StatusQuarter.containing(LocalDate.of(2026, 3, 31))).isEqualTo(new StatusQuarter(2026, 1));
        assertThat(StatusQuarter.containing(LocalDate.of(2026, 4, 1))).isEqualTo(new StatusQuarter(2026, 2));
    }
}
