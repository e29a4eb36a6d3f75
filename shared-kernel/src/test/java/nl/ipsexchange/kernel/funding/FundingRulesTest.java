package nl.ipsexchange.kernel.funding;

import static nl.ipsexchange.kernel.Agency.BENEFITS;
import static nl.ipsexchange.kernel.Agency.MUNICIPALITY;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;


/** The default covenant's rules at and just past each boundary. */
class FundingRulesTest {

    static final FundingAgreement DEFAULT = new FundingAgreement("2025.1", LocalDate.of(2025, 1, 1),
            new FundingAgreement.Municipality(bd("900"), bd("900"), bd("900"), 18, bd("1800"), 9, bd("12"), 1, null),
            new FundingAgreement.Benefits(bd("2420"), bd("2420"), 36, bd("1210"), bd("12"), bd("35"), 2, bd("62.50")),
            List.of(), new FundingAgreement.Insurer(bd("95.00"), bd("8")),
            List.of(new FundingAgreement.MinimumWage(LocalDate.of(2025, 1, 1), bd("2000.00")),
                    new FundingAgreement.MinimumWage(LocalDate.of(2026, 1, 1), bd("2200.00"))));

    private static final LocalDate START = LocalDate.of(2026, 1, 15);
    private final FundingRules rules = new FundingRules(DEFAULT);
    private final FunderTerms municipality = DEFAULT.first().termsOf(MUNICIPALITY);
    private final FunderTerms benefits = DEFAULT.first().termsOf(BENEFITS);

    static BigDecimal bd(String value) {
        return new BigDecimal(value);
    }

    private static Placement job(boolean competitive, String hours, String wage, LocalDate start) {
        return new Placement("p", competitive, bd(hours), bd(wage), start, null);
    }

    @Test
    void elevenPointNineHoursMissTheBonusAndTwelveEarnIt() {
        assertThat(rules.bonusDisqualification(municipality, START, job(true, "11.9", "1500", START.plusDays(10))))
                .contains("fewer than 12 hours a week");
        assertThat(rules.bonusDisqualification(municipality, START, job(true, "12", "1500", START.plusDays(10))))
                .isEmpty();
        assertThat(rules.bonusDisqualification(benefits, START, job(true, "11.9", "1500", START.plusDays(10))))
                .isPresent();
    }

    @Test
    void aJobStartingOnTheLastDayOfMonthNineCountsAndTheDayAfterDoesNot() {
        LocalDate lastDay = START.plusMonths(9).minusDays(1);
        assertThat(rules.bonusDisqualification(municipality, START, job(true, "20", "1500", lastDay))).isEmpty();
        assertThat(rules.bonusDisqualification(municipality, START, job(true, "20", "1500", lastDay.plusDays(1))))
                .contains("the job started more than 9 months after the trajectory start");
    }

    @Test
    void oneMonthLessADayIsNotEnoughAndAFullMonthIs() {
        Placement job = job(true, "20", "1500", LocalDate.of(2026, 2, 10));
        assertThat(rules.bonusDueDate(municipality, job)).isEqualTo(LocalDate.of(2026, 3, 10));
        assertThat(rules.bonusEarned(municipality, job.ended(LocalDate.of(2026, 3, 9)))).isFalse();
        assertThat(rules.bonusEarned(municipality, job.ended(LocalDate.of(2026, 3, 10)))).isTrue();
        assertThat(rules.bonusEarned(municipality, job)).as("still running").isTrue();

        assertThat(rules.bonusDueDate(benefits, job)).isEqualTo(LocalDate.of(2026, 4, 10));
        assertThat(rules.bonusEarned(benefits, job.ended(LocalDate.of(2026, 4, 9)))).isFalse();
        assertThat(rules.bonusEarned(benefits, job.ended(LocalDate.of(2026, 4, 10)))).isTrue();
    }

    @Test
    void aWageJustUnderThirtyFivePercentOfTheMinimumWageOnTheJobStartMissesTheBonus() {
        // 35% of 2200.00 (in force from 2026-01-01) is 770.00; of 2000.00 (2025) it is 700.00
        assertThat(rules.minimumWageThreshold(benefits, LocalDate.of(2026, 2, 1))).isEqualByComparingTo("770.00");
        assertThat(rules.bonusDisqualification(benefits, START, job(true, "12", "769.99", LocalDate.of(2026, 2, 1))))
                .isPresent();
        assertThat(rules.bonusDisqualification(benefits, START, job(true, "12", "770.00", LocalDate.of(2026, 2, 1))))
                .isEmpty();
        assertThat(rules.minimumWageThreshold(benefits, LocalDate.of(2025, 12, 31))).isEqualByComparingTo("700.00");
    }

    @Test
    void aNonCompetitiveJobNeverEarnsABonus() {
        assertThat(rules.bonusDisqualification(municipality, START, job(false, "32", "2500", START)))
                .contains("not a competitive job");
    }

    @Test
    void closingBeforeThreeMonthsForfeitsTheThreeMonthsPaymentAndClosingOnTheDateDoesNot() {
        assertThat(rules.threeMonthsDate(municipality, START)).contains(LocalDate.of(2026, 4, 15));
        assertThat(rules.threeMonthsDate(benefits, START)).isEmpty();
        assertThat(rules.threeMonthsDue(START, LocalDate.of(2026, 4, 14))).isFalse();
        assertThat(rules.threeMonthsDue(START, LocalDate.of(2026, 4, 15))).isTrue();
        assertThat(rules.threeMonthsDue(START, null)).isTrue();
    }

    @Test
    void theFinalPaymentFallsDueAtCloseOrAtTheEighteenOrThirtySixMonthCap() {
        assertThat(rules.finalDueDate(municipality, START, null)).isEqualTo(LocalDate.of(2027, 7, 15));
        assertThat(rules.finalDueDate(municipality, START, LocalDate.of(2027, 7, 14)))
                .isEqualTo(LocalDate.of(2027, 7, 14));
        assertThat(rules.finalDueDate(municipality, START, LocalDate.of(2027, 7, 16)))
                .isEqualTo(LocalDate.of(2027, 7, 15));
        assertThat(rules.finalDueDate(benefits, START, null)).isEqualTo(LocalDate.of(2029, 1, 15));
        assertThat(rules.finalDueDate(benefits, START, LocalDate.of(2029, 1, 14))).isEqualTo(LocalDate.of(2029, 1, 14));
    }

    @Test
    void hoursAreBilledAtTheConfiguredTariffs() {
        assertThat(rules.intakeAmount(bd("1.5"))).isEqualByComparingTo("142.50");
        assertThat(rules.jobCoachingAmount(benefits, bd("3"))).hasValueSatisfying(amount ->
                assertThat(amount).isEqualByComparingTo("187.50"));
        assertThat(municipality.start()).isEqualByComparingTo("900");
        assertThat(benefits.start()).isEqualByComparingTo("2420");
        assertThat(municipality.placementBonus()).isEqualByComparingTo("1800");
        assertThat(benefits.placementBonus()).isEqualByComparingTo("1210");
    }

    @Test
    void aFunderWhosePartNamesNoJobCoachingTariffPaysNoJobCoaching() {
        assertThat(rules.jobCoachingAmount(municipality, bd("3"))).isEmpty();
        assertThat(municipality.paysJobCoaching()).isFalse();
        assertThat(benefits.paysJobCoaching()).isTrue();
    }

    @Test
    void aFundersTermsNameTheCovenantVersionAndTheDayItIsInForceFrom() {
        assertThat(municipality.covenantVersion()).isEqualTo("2025.1");
        assertThat(benefits.effectiveFrom()).isEqualTo(LocalDate.of(2025, 1, 1));
        assertThat(municipality.bonusMinWagePercent()).as("the municipality's bonus has no wage condition").isNull();
        assertThat(benefits.threeMonths()).as("the benefits agency pays nothing after three months").isNull();
    }
}
