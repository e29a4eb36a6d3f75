package nl.ipsexchange.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.env.MockEnvironment;

/**
 * What the decision makers' documents show of a quarter's figures (ADR 53), from raw figures set by hand: small counts,
 * the figures that would give them away, and the rates, median and amounts that rest on too few. k = 5.
 */
class DeIdentifiedStatusTest {

    private static final StatusQuarter Q2 = new StatusQuarter(2026, 2);
    private static final StatusQuarter Q3 = new StatusQuarter(2026, 3);
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 2);

    private final StatusMeasures measures = mock(StatusMeasures.class);
    private final StatusQueries queries = mock(StatusQueries.class);
    private final DeIdentifiedStatus status = new DeIdentifiedStatus(measures, queries, 5);

    @Test
    void figuresOfKOrMoreAreShownAsTheyAre() {
        DeIdentifiedStatus.Measures shown = measuresOf(new Raw());

        assertThat(shown.quarter()).isEqualTo("2026-Q3");
        assertThat(shown.from()).isEqualTo(LocalDate.of(2026, 7, 1));
        assertThat(shown.to()).isEqualTo(LocalDate.of(2026, 9, 30));
        assertThat(shown.provisional()).as("ended in September").isFalse();
        assertThat(shown.minimumCount()).isEqualTo(5);
        assertThat(shown.referrals()).isEqualTo(12);
        assertThat(shown.participants()).isEqualTo(47);
        assertThat(shown.inCompetitiveWork()).isEqualTo(16);
        assertThat(shown.shareInCompetitiveWork()).isEqualTo(34.0);
        assertThat(shown.benchmark()).isEqualTo("at least the minimum (31%)");
        assertThat(shown.medianDaysToFirstEmployerContact()).isEqualTo(21.0);
        assertThat(shown.sharePlacedWithinNineMonths()).isEqualTo(60.0);
        assertThat(shown.funders()).containsExactly(
                new DeIdentifiedStatus.FunderFigures("BENEFITS", 8L, 5L, new BigDecimal("12100")),
                new DeIdentifiedStatus.FunderFigures("MUNICIPALITY", 10L, 0L, new BigDecimal("9000")));
        assertThat(shown.caseloads()).containsExactly(new DeIdentifiedStatus.Caseload("s1", 20L, true),
                new DeIdentifiedStatus.Caseload("s2", 15L, true));
        assertThat(shown.suppressed()).isEmpty();
        assertThat(shown.fewerThanMinimum()).isEmpty();
    }

    @ParameterizedTest(name = "{0} referrals: shown {1}")
    @CsvSource(nullValues = "null", value = {"4, null", "5, 5", "1, null", "0, 0"})
    void aCountFrom1ToKMinus1IsFewerThanKAndKIsShown(long referrals, Long shown) {
        Raw raw = new Raw();
        raw.referrals = referrals;
        raw.participants = referrals + 35; // and the 35 open at its start
        DeIdentifiedStatus.Measures document = measuresOf(raw);

        assertThat(document.referrals()).isEqualTo(shown);
        assertThat(document.fewerThanMinimum().contains("referrals")).isEqualTo(shown == null);
    }

    @Test
    void aRateIsNotShownWhenItsNumeratorIsASmallCount() {
        Raw raw = new Raw();
        raw.inCompetitiveWork = 3;

        DeIdentifiedStatus.Measures shown = measuresOf(raw);

        assertThat(shown.inCompetitiveWork()).isNull();
        assertThat(shown.shareInCompetitiveWork()).isNull();
        assertThat(shown.benchmark()).isNull();
        assertThat(shown.participants()).isEqualTo(47);
        assertThat(shown.suppressed()).containsExactly("inCompetitiveWork", "shareInCompetitiveWork", "benchmark");
        assertThat(shown.fewerThanMinimum()).containsExactly("inCompetitiveWork");
    }

    @Test
    void theParticipantsNotInWorkBeingFewWithholdThoseInWorkAndTheRate() {
        Raw raw = new Raw();
        raw.inCompetitiveWork = 44; // 3 of the 47 not in work: participants less those in work would give them

        DeIdentifiedStatus.Measures shown = measuresOf(raw);

        assertThat(shown.participants()).isEqualTo(47);
        assertThat(shown.inCompetitiveWork()).isNull();
        assertThat(shown.shareInCompetitiveWork()).isNull();
        assertThat(shown.suppressed()).containsExactly("inCompetitiveWork", "shareInCompetitiveWork", "benchmark");
        assertThat(shown.fewerThanMinimum()).as("withheld, not a small count itself").isEmpty();
    }

    @Test
    void theShareWithinNineMonthsIsNotShownWhenEitherPartIsASmallCount() {
        Raw raw = new Raw();
        raw.placedWithinNineMonths = 18; // 2 later than nine months

        DeIdentifiedStatus.Measures shown = measuresOf(raw);

        assertThat(shown.sharePlacedWithinNineMonths()).isNull();
        assertThat(shown.competitivePlacements()).isEqualTo(20);
        assertThat(shown.suppressed()).containsExactly("sharePlacedWithinNineMonths");
    }

    @ParameterizedTest(name = "{0} contacts: median shown {1}")
    @CsvSource({"4, false", "5, true"})
    void theMedianIsShownWhenItRestsOnKContactsOrMore(long contacts, boolean shown) {
        Raw raw = new Raw();
        raw.contacts = contacts;

        DeIdentifiedStatus.Measures document = measuresOf(raw);

        assertThat(document.medianDaysToFirstEmployerContact()).isEqualTo(shown ? 21.0 : null);
        assertThat(document.suppressed().contains("medianDaysToFirstEmployerContact")).isEqualTo(!shown);
    }

    @ParameterizedTest(name = "for {0} trajectories: amount shown {1}")
    @CsvSource({"4, false", "5, true"})
    void anAmountIsShownWhenKTrajectoriesOrMoreMakeItUp(long trajectories, boolean shown) {
        Raw raw = new Raw();
        raw.funders.set(1, new StatusMeasures.FunderFigures("MUNICIPALITY", 10, 0, new BigDecimal("9000"),
                trajectories));

        DeIdentifiedStatus.Measures document = measuresOf(raw);

        assertThat(document.funders().get(1).amountScheduled()).isEqualTo(shown ? new BigDecimal("9000") : null);
        assertThat(document.suppressed().contains("funders[1].amountScheduled")).isEqualTo(!shown);
    }

    @Test
    void aFundersFewApprovalsWithholdTheTotalSinceTheOtherFunderKnowsItsOwn() {
        Raw raw = new Raw();
        raw.funders.set(1, new StatusMeasures.FunderFigures("MUNICIPALITY", 3, 0, new BigDecimal("9000"), 9));
        raw.started = 11;

        DeIdentifiedStatus.Measures shown = measuresOf(raw);

        assertThat(shown.funders()).extracting(DeIdentifiedStatus.FunderFigures::approved).containsExactly(8L, null);
        assertThat(shown.trajectoriesStarted()).isNull();
        assertThat(shown.suppressed()).containsExactly("trajectoriesStarted", "funders[1].approved");
        assertThat(shown.fewerThanMinimum()).containsExactly("funders[1].approved");
    }

    @Test
    void aSmallCaseloadIsFewerThanFiveWhileTheOthersAreShown() {
        Raw raw = new Raw();
        raw.caseloads = List.of(caseload("s1", 20), caseload("s2", 12), caseload("s3", 2));

        DeIdentifiedStatus.Measures shown = measuresOf(raw);

        assertThat(shown.caseloads()).containsExactly(new DeIdentifiedStatus.Caseload("s1", 20L, true),
                new DeIdentifiedStatus.Caseload("s2", 12L, true), new DeIdentifiedStatus.Caseload("s3", null, null));
        assertThat(shown.suppressed()).containsExactly("caseloads[2].openTrajectories", "caseloads[2].withinTwenty");
        assertThat(shown.fewerThanMinimum()).containsExactly("caseloads[2].openTrajectories");
    }

    @Test
    void theNextQuartersReferralsAreWithheldWhenItsParticipantsLessThemWouldGiveALastQuartersSmallCaseload() {
        Raw previous = new Raw();
        previous.caseloads = List.of(caseload("s1", 20), caseload("s2", 12), caseload("s3", 2));
        Raw raw = new Raw();
        raw.caseloadsBefore = previous.caseloads;
        raw.referrals = 10;
        raw.participants = 44; // 10 referred and 34 open at the start: 34 less the 20 and 12 shown would be 2

        DeIdentifiedStatus.Measures shown = measuresOf(raw, previous);

        assertThat(shown.participants()).isEqualTo(44);
        assertThat(shown.referrals()).isNull();
        assertThat(shown.suppressed()).containsExactly("referrals");
        assertThat(shown.fewerThanMinimum()).isEmpty();
    }

    @Test
    void referralsThatTheCaseloadsGrowthGivesWithholdTheParticipantsAndACaseload() {
        // 5 open at the start, 9 at the end, none closed: at least 4 referred, and "fewer than 5" would make it 4
        Raw previous = new Raw();
        previous.caseloadsBefore = List.of();
        previous.referrals = 5;
        previous.participants = 5;
        previous.inCompetitiveWork = 0;
        previous.caseloads = List.of(caseload("s1", 5));
        Raw raw = new Raw();
        raw.caseloadsBefore = previous.caseloads;
        raw.referrals = 4;
        raw.participants = 9;
        raw.inCompetitiveWork = 0;
        raw.caseloads = List.of(caseload("s1", 9));

        DeIdentifiedStatus.Measures shown = measuresOf(raw, previous);

        assertThat(shown.referrals()).isNull();
        assertThat(shown.participants()).isNull();
        assertThat(shown.caseloads()).containsExactly(new DeIdentifiedStatus.Caseload("s1", null, null));
        assertThat(shown.fewerThanMinimum()).containsExactly("referrals");
        assertThat(shown.suppressed()).containsExactly("referrals", "participants", "shareInCompetitiveWork",
                "benchmark", "caseloads[0].openTrajectories", "caseloads[0].withinTwenty");
    }

    @Test
    void theEventCountsOfAQuarterAreSuppressedAsTheMeasuresAre() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("ClientRegistered", 4L);
        counts.put("FidelityReviewed", 2L);
        counts.put("FundingStep", 10L);
        counts.put("TrajectoryStep", 30L);
        when(queries.summary(Q3.first(), Q3.last()))
                .thenReturn(new StatusQueries.StatusSummary(Q3.first(), Q3.last(), counts, 46));

        DeIdentifiedStatus.Summary shown = status.summary(Q3, LocalDate.of(2026, 9, 30));

        assertThat(shown.provisional()).isTrue();
        assertThat(shown.eventCounts()).containsExactly(entry("ClientRegistered", null), entry("FidelityReviewed", null),
                entry("FundingStep", 10L), entry("TrajectoryStep", 30L));
        assertThat(shown.total()).isEqualTo(46);
        assertThat(shown.fewerThanMinimum()).containsExactly("eventCounts.ClientRegistered");
        assertThat(shown.suppressed()).containsExactly("eventCounts.ClientRegistered",
                "eventCounts.FidelityReviewed");
    }

    @Test
    void aMinimumOfOneShowsEveryCount() {
        DeIdentifiedStatus all = new DeIdentifiedStatus(measures, queries, 1);
        Raw raw = new Raw();
        raw.referrals = 1;
        raw.participants = 36;
        raw.contacts = 1;
        when(measures.measures(anyList())).thenReturn(List.of(raw.build(Q3), new Raw().build(Q2)));

        DeIdentifiedStatus.Measures shown = all.measures(Q3, TODAY);

        assertThat(shown.referrals()).isEqualTo(1);
        assertThat(shown.medianDaysToFirstEmployerContact()).isEqualTo(21.0);
        assertThat(shown.suppressed()).isEmpty();
    }

    @ParameterizedTest(name = "{0} under {1}")
    @CsvSource(nullValues = "none", value = {"none, none, 5", "3, none, 3", "12, none, 12", "1, demo, 1"})
    void theMinimumCountIsThreeOrMoreOrOneUnderTheDemoProfile(String setting, String profile, int minimum) {
        assertThat(StatusConfiguration.minimumCount(environment(setting, profile))).isEqualTo(minimum);
    }

    @ParameterizedTest(name = "{0} under {1}")
    @CsvSource(nullValues = "none", value = {"1, none", "1, production", "2, demo", "0, demo", "-5, none",
            "five, none"})
    void anyOtherMinimumCountStopsTheStartNamingTheSetting(String setting, String profile) {
        assertThatThrownBy(() -> StatusConfiguration.minimumCount(environment(setting, profile)))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("ips.status.minimum-count");
    }

    private static MockEnvironment environment(String setting, String profile) {
        MockEnvironment environment = new MockEnvironment();
        if (setting != null) {
            environment.setProperty("ips.status.minimum-count", setting);
        }
        if (profile != null) {
            environment.setActiveProfiles(profile);
        }
        return environment;
    }

    private DeIdentifiedStatus.Measures measuresOf(Raw raw) {
        return measuresOf(raw, new Raw());
    }

    /** The quarter's figures and the previous quarter's, as StatusMeasures reads them together. */
    private DeIdentifiedStatus.Measures measuresOf(Raw raw, Raw previous) {
        when(measures.measures(anyList())).thenReturn(List.of(raw.build(Q3), previous.build(Q2)));
        return status.measures(Q3, TODAY);
    }

    private static StatusMeasures.Caseload caseload(String specialist, long open) {
        return new StatusMeasures.Caseload(specialist, open, open <= 20);
    }

    /**
     * A quarter's raw figures, none of them small unless a test makes it so: 12 referred, 35 open at its start and
     * 35 at its end (12 closed), 47 participants.
     */
    private static final class Raw {
        long referrals = 12;
        long started = 18;
        long participants = 47;
        long inCompetitiveWork = 16;
        long placements = 20;
        long placedWithinNineMonths = 12;
        long contacts = 9;
        List<StatusMeasures.FunderFigures> funders = new ArrayList<>(List.of(
                new StatusMeasures.FunderFigures("BENEFITS", 8, 5, new BigDecimal("12100"), 5),
                new StatusMeasures.FunderFigures("MUNICIPALITY", 10, 0, new BigDecimal("9000"), 10)));
        List<StatusMeasures.Caseload> caseloads = List.of(caseload("s1", 20), caseload("s2", 15));
        List<StatusMeasures.Caseload> caseloadsBefore = List.of(caseload("s1", 20), caseload("s2", 15));

        StatusMeasures.Measures build(StatusQuarter quarter) {
            Double share = participants == 0 ? null : Math.round(1000.0 * inCompetitiveWork / participants) / 10.0;
            return new StatusMeasures.Measures(quarter.first(), quarter.last(), referrals, 30, started, placements,
                    participants, inCompetitiveWork, share, StatusMeasures.benchmark(share), 21.0,
                    Math.round(1000.0 * placedWithinNineMonths / placements) / 10.0, funders, caseloads,
                    List.of(new StatusMeasures.TeamFidelity("IPS team Utrecht", LocalDate.of(2026, 2, 1), 105,
                            "GOOD")), placements, placedWithinNineMonths, contacts, caseloadsBefore);
        }
    }
}
