package nl.ipsexchange.benefits;

import static nl.ipsexchange.funding.command.FundingFixtures.A;
import static nl.ipsexchange.funding.command.FundingFixtures.AGREEMENT;
import static nl.ipsexchange.funding.command.FundingFixtures.BENEFITS_TERMS;
import static nl.ipsexchange.funding.command.FundingFixtures.C;
import static nl.ipsexchange.funding.command.FundingFixtures.REFERRED;
import static nl.ipsexchange.funding.command.FundingFixtures.START;
import static nl.ipsexchange.funding.command.FundingFixtures.START_MORNING;
import static nl.ipsexchange.funding.command.FundingFixtures.approved;
import static nl.ipsexchange.funding.command.FundingFixtures.approvedBenefits;
import static nl.ipsexchange.funding.command.FundingFixtures.bd;
import static nl.ipsexchange.funding.command.FundingFixtures.fixture;
import static nl.ipsexchange.funding.command.FundingFixtures.job;
import static nl.ipsexchange.funding.command.FundingFixtures.line;
import static nl.ipsexchange.funding.command.FundingFixtures.received;
import static nl.ipsexchange.funding.command.FundingFixtures.scheduled;

import java.time.LocalDate;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.ParameterizedTest;

import nl.ipsexchange.funding.command.FundingApplication;
import nl.ipsexchange.funding.command.FundingCommands.ApproveFundingCommand;
import nl.ipsexchange.funding.command.FundingCommands.ReceiveFundingApplicationCommand;
import nl.ipsexchange.funding.command.FundingCommands.RecordClosureCommand;
import nl.ipsexchange.funding.command.FundingCommands.RecordJobCoachingCommand;
import nl.ipsexchange.funding.command.FundingCommands.RecordPlacementCommand;
import nl.ipsexchange.funding.command.FundingEvents.ClosureRecordedEvent;
import nl.ipsexchange.funding.command.FundingEvents.JobCoachingSessionRecordedEvent;
import nl.ipsexchange.funding.command.FundingEvents.PaymentFellDueEvent;
import nl.ipsexchange.funding.command.FundingEvents.PaymentRescheduledEvent;
import nl.ipsexchange.funding.command.FundingEvents.PaymentScheduledEvent;
import nl.ipsexchange.funding.command.FundingEvents.PlacementBonusForfeitedEvent;
import nl.ipsexchange.funding.command.FundingEvents.PlacementRecordedEvent;
import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.BenefitType;
import nl.ipsexchange.kernel.RuleViolationException;
import nl.ipsexchange.kernel.consent.ConsentTerms;
import nl.ipsexchange.kernel.funding.FundingRules;
import nl.ipsexchange.kernel.funding.PaymentType;
import nl.ipsexchange.kernel.funding.Placement;

/**
 * The benefits agency's part of the covenant through the funding application aggregate, at and just past each
 * boundary: the START and 36-month FINAL lines, the bonus's wage threshold, hours and period, and job coaching at the
 * configured tariff.
 */
class BenefitsFundingTest {

    private AggregateTestFixture<FundingApplication> fixture;

    @BeforeEach
    void setUp() {
        fixture = fixture(new BenefitsFunding(new FundingRules(AGREEMENT)));
    }

    @Test
    void approvalAtTheBenefitsAgencySchedulesStartAndTheThirtySixMonthFinal() {
        fixture.givenCurrentTime(START_MORNING)
                .andGiven(received(Agency.BENEFITS))
                .when(new ApproveFundingCommand(A, START, START))
                .expectEvents(approved(BENEFITS_TERMS), scheduled(PaymentType.START, "2420", START),
                        new PaymentFellDueEvent(A, line(PaymentType.START)),
                        scheduled(PaymentType.FINAL, "2420", START.plusMonths(36)));
    }

    /** 35% of the test minimum wage of 2200.00 is 770.00: at it and a cent under it. */
    @ParameterizedTest(name = "a wage of {0}: bonus {1}")
    @CsvSource({"770.00, true", "769.99, false"})
    void aWageOfAtLeastThirtyFivePercentOfTheMinimumWageEarnsTheBonusAfterTwoMonths(String wage, boolean earned) {
        LocalDate jobStart = START.plusMonths(1);
        expectBonus(job("20", wage, jobStart, null), jobStart.plusMonths(3), earned, jobStart.plusMonths(2));
    }

    @Test
    void closingAfterTheThirtySixMonthCapDoesNotMoveTheFinal() {
        LocalDate afterCap = START.plusMonths(36).plusDays(1);
        fixture.givenCurrentTime(START_MORNING)
                .andGiven(approvedBenefits())
                .when(new RecordClosureCommand(A, afterCap, afterCap))
                .expectEvents(new ClosureRecordedEvent(A, C, afterCap));
    }

    @Test
    void jobCoachingHoursAreScheduledAtHoursTimesTheConfiguredTariff() {
        // 2.5 hours x 62.50 (the configured tariff: FundingAgreementConfigurationTest) = 156.25
        LocalDate session = START.plusDays(5);
        fixture.givenCurrentTime(START_MORNING)
                .andGiven(approvedBenefits())
                .when(new RecordJobCoachingCommand(A, "s-1", session, bd("2.5"), START.plusDays(6)))
                .expectEvents(new JobCoachingSessionRecordedEvent(A, C, "s-1", session, bd("2.5")),
                        new PaymentScheduledEvent(A, C, A + ":JOB_COACHING:s-1", PaymentType.JOB_COACHING,
                                bd("156.25"), session),
                        new PaymentFellDueEvent(A, A + ":JOB_COACHING:s-1"));
    }

    @Test
    void aRepeatedJobCoachingSessionAddsNothing() {
        fixture.givenCurrentTime(START_MORNING)
                .andGiven(approvedBenefits())
                .andGivenCommands(new RecordJobCoachingCommand(A, "s-1", START.plusDays(5), bd("2"), START.plusDays(6)))
                .when(new RecordJobCoachingCommand(A, "s-1", START.plusDays(5), bd("2"), START.plusDays(6)))
                .expectNoEvents();
    }

    @Test
    void aJobCoachingLineWhoseSessionWasErasedStaysAsItIsWhenTheScheduleMoves() {
        LocalDate closed = START.plusMonths(30);
        fixture.givenCurrentTime(START_MORNING)
                .andGiven(approvedBenefits())
                .andGiven(new JobCoachingSessionRecordedEvent(A, C, "s-1", null, null),
                        new PaymentScheduledEvent(A, C, A + ":JOB_COACHING:s-1", PaymentType.JOB_COACHING,
                                bd("156.25"), START.plusDays(5)))
                .when(new RecordClosureCommand(A, closed, closed))
                .expectEvents(new ClosureRecordedEvent(A, C, closed),
                        new PaymentRescheduledEvent(A, line(PaymentType.FINAL), closed),
                        new PaymentFellDueEvent(A, line(PaymentType.FINAL)));
    }

    @Test
    void anotherJobCoachingSessionIsALineOfItsOwn() {
        fixture.givenCurrentTime(START_MORNING)
                .andGiven(approvedBenefits())
                .andGivenCommands(new RecordJobCoachingCommand(A, "s-1", START.plusDays(5), bd("2"), START.plusDays(6)))
                .when(new RecordJobCoachingCommand(A, "s-2", START.plusDays(12), bd("1"), START.plusDays(6)))
                .expectEvents(new JobCoachingSessionRecordedEvent(A, C, "s-2", START.plusDays(12), bd("1")),
                        new PaymentScheduledEvent(A, C, A + ":JOB_COACHING:s-2", PaymentType.JOB_COACHING,
                        bd("62.50"), START.plusDays(12)));
    }

    /** A job ending exactly two months after its start, or one day sooner. */
    @ParameterizedTest(name = "ended {0}: bonus {1}")
    @CsvSource({"2026-04-10, true", "2026-04-09, false"})
    void aJobThatLastsTwoMonthsEarnsTheBonusAndOneThatEndsADaySoonerForfeitsIt(LocalDate end, boolean earned) {
        Placement ended = job("20", "1500", LocalDate.of(2026, 2, 10), end);
        var result = fixture.givenCurrentTime(START_MORNING)
                .andGiven(approvedBenefits())
                .when(new RecordPlacementCommand(A, ended, LocalDate.of(2026, 4, 20)));
        if (earned) {
            result.expectEvents(new PlacementRecordedEvent(A, C, ended),
                    scheduled(PaymentType.PLACEMENT_BONUS, "1210", LocalDate.of(2026, 4, 10)),
                    new PaymentFellDueEvent(A, line(PaymentType.PLACEMENT_BONUS)));
        } else {
            result.expectEvents(new PlacementRecordedEvent(A, C, ended), new PlacementBonusForfeitedEvent(A, C,
                    "p-1", "the job ended on 2026-04-09, before it lasted until 2026-04-10"));
        }
    }

    @ParameterizedTest(name = "{0} hours a week: bonus {1}")
    @CsvSource({"12, true", "11.9, false"})
    void aJobOfAtLeastTwelveHoursAWeekEarnsTheBonus(String hours, boolean earned) {
        LocalDate jobStart = START.plusMonths(1);
        expectBonus(job(hours, "1500", jobStart, null), jobStart.plusMonths(3), earned, jobStart.plusMonths(2));
    }

    /** Recording the job on {@code today}: the bonus scheduled and due on {@code due}, or nothing but the job. */
    private void expectBonus(Placement job, LocalDate today, boolean earned, LocalDate due) {
        var result = fixture.givenCurrentTime(START_MORNING)
                .andGiven(approvedBenefits())
                .when(new RecordPlacementCommand(A, job, today));
        if (earned) {
            result.expectEvents(new PlacementRecordedEvent(A, C, job),
                    scheduled(PaymentType.PLACEMENT_BONUS, "1210", due),
                    new PaymentFellDueEvent(A, line(PaymentType.PLACEMENT_BONUS)));
        } else {
            result.expectEvents(new PlacementRecordedEvent(A, C, job));
        }
    }

    @Test
    void aNonCompetitiveJobEarnsNoBenefitsBonus() {
        LocalDate jobStart = START.plusMonths(1);
        Placement sheltered = new Placement("p-1", false, bd("32"), bd("2500"), jobStart, null);
        fixture.givenCurrentTime(START_MORNING)
                .andGiven(approvedBenefits())
                .when(new RecordPlacementCommand(A, sheltered, jobStart.plusMonths(3)))
                .expectEvents(new PlacementRecordedEvent(A, C, sheltered));
    }

    @Test
    void withoutACloseTheBenefitsFinalIsNotDueTheDayBeforeTheThirtySixMonthCap() {
        fixture.givenCurrentTime(START_MORNING)
                .andGiven(received(Agency.BENEFITS))
                .andGivenCommands(new ApproveFundingCommand(A, START, START))
                .whenThenTimeAdvancesTo(START.plusMonths(36).minusDays(1).atStartOfDay(
                        ConsentTerms.ZONE).toInstant())
                .expectNoEvents();
    }

    @Test
    void withoutACloseTheBenefitsFinalFallsDueAtTheThirtySixMonthCap() {
        fixture.givenCurrentTime(START_MORNING)
                .andGiven(received(Agency.BENEFITS))
                .andGivenCommands(new ApproveFundingCommand(A, START, START))
                .whenThenTimeAdvancesTo(START.plusMonths(36).atStartOfDay(
                        ConsentTerms.ZONE).toInstant())
                .expectEvents(new PaymentFellDueEvent(A, line(PaymentType.FINAL)));
    }

    @Test
    void closingADayBeforeTheThirtySixMonthCapBringsTheBenefitsFinalForward() {
        LocalDate closed = START.plusMonths(36).minusDays(1);
        fixture.givenCurrentTime(START_MORNING)
                .andGiven(approvedBenefits())
                .when(new RecordClosureCommand(A, closed, closed))
                .expectEvents(new ClosureRecordedEvent(A, C, closed),
                        new PaymentRescheduledEvent(A, line(PaymentType.FINAL), closed),
                        new PaymentFellDueEvent(A, line(PaymentType.FINAL)));
    }

    @Test
    void anApplicationToTheMunicipalityIsNotTheBenefitsAgencysToDecide() {
        fixture.givenNoPriorActivity()
                .when(new ReceiveFundingApplicationCommand(A, C, Agency.MUNICIPALITY, BenefitType.SOCIAL_ASSISTANCE,
                        REFERRED, REFERRED.plusDays(7)))
                .expectException(RuleViolationException.class)
                .expectNoEvents();
    }
}
