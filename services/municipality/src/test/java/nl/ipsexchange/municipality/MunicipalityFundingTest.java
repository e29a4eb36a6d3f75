package nl.ipsexchange.municipality;

import static nl.ipsexchange.funding.command.FundingFixtures.A;
import static nl.ipsexchange.funding.command.FundingFixtures.AGREEMENT;
import static nl.ipsexchange.funding.command.FundingFixtures.C;
import static nl.ipsexchange.funding.command.FundingFixtures.MUNICIPALITY_TERMS;
import static nl.ipsexchange.funding.command.FundingFixtures.PLACEMENT_ERASED;
import static nl.ipsexchange.funding.command.FundingFixtures.START;
import static nl.ipsexchange.funding.command.FundingFixtures.START_MORNING;
import static nl.ipsexchange.funding.command.FundingFixtures.approved;
import static nl.ipsexchange.funding.command.FundingFixtures.approvedMunicipality;
import static nl.ipsexchange.funding.command.FundingFixtures.bd;
import static nl.ipsexchange.funding.command.FundingFixtures.fixture;
import static nl.ipsexchange.funding.command.FundingFixtures.job;
import static nl.ipsexchange.funding.command.FundingFixtures.line;
import static nl.ipsexchange.funding.command.FundingFixtures.received;
import static nl.ipsexchange.funding.command.FundingFixtures.scheduled;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.ParameterizedTest;

import nl.ipsexchange.funding.command.FundingApplication;
import nl.ipsexchange.funding.command.FundingCommands.ApproveFundingCommand;
import nl.ipsexchange.funding.command.FundingCommands.RecordClosureCommand;
import nl.ipsexchange.funding.command.FundingCommands.RecordJobCoachingCommand;
import nl.ipsexchange.funding.command.FundingCommands.RecordPlacementCommand;
import nl.ipsexchange.funding.command.FundingEvents.ClosureRecordedEvent;
import nl.ipsexchange.funding.command.FundingEvents.PaymentCancelledEvent;
import nl.ipsexchange.funding.command.FundingEvents.PaymentFellDueEvent;
import nl.ipsexchange.funding.command.FundingEvents.PaymentRescheduledEvent;
import nl.ipsexchange.funding.command.FundingEvents.PlacementBonusForfeitedEvent;
import nl.ipsexchange.funding.command.FundingEvents.PlacementRecordedEvent;
import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.consent.ConsentTerms;
import nl.ipsexchange.kernel.funding.FundingRules;
import nl.ipsexchange.kernel.funding.PaymentType;
import nl.ipsexchange.kernel.funding.Placement;

/**
 * The municipality's part of the covenant through the funding application aggregate, at and just past each boundary:
 * the START, THREE_MONTHS and 18-month FINAL lines, the bonus window and period, closing around the three-month
 * date, and a placement erased with the client's consent.
 */
class MunicipalityFundingTest {

    private AggregateTestFixture<FundingApplication> fixture;

    @BeforeEach
    void setUp() {
        fixture = fixture(new MunicipalityFunding(new FundingRules(AGREEMENT)));
    }

    @Test
    void approvalAtTheMunicipalitySchedulesStartThreeMonthsAndTheEighteenMonthFinal() {
        fixture.givenCurrentTime(START_MORNING)
                .andGiven(received(Agency.MUNICIPALITY))
                .when(new ApproveFundingCommand(A, START, START))
                .expectEvents(approved(MUNICIPALITY_TERMS), scheduled(PaymentType.START, "900", START),
                        new PaymentFellDueEvent(A, line(PaymentType.START)),
                        scheduled(PaymentType.THREE_MONTHS, "900", START.plusMonths(3)),
                        scheduled(PaymentType.FINAL, "900", START.plusMonths(18)))
                .expectResultMessagePayload(Optional.empty());
    }

    @Test
    void paymentsFallDueWhenTheirDateArrives() {
        fixture.givenCurrentTime(START_MORNING)
                .andGiven(received(Agency.MUNICIPALITY))
                .andGivenCommands(new ApproveFundingCommand(A, START, START))
                .whenThenTimeAdvancesTo(Instant.parse("2026-04-14T23:00:00Z"))
                .expectEvents(new PaymentFellDueEvent(A, line(PaymentType.THREE_MONTHS)));
    }

    @Test
    void aJobStartingOnTheLastDayOfMonthNineEarnsTheMunicipalBonusAfterAFullMonth() {
        LocalDate lastDay = START.plusMonths(9).minusDays(1);
        fixture.givenCurrentTime(START_MORNING)
                .andGiven(received(Agency.MUNICIPALITY))
                .andGivenCommands(new ApproveFundingCommand(A, START, START),
                        new RecordPlacementCommand(A, job("20", "1500", lastDay, null), START))
                .whenThenTimeAdvancesTo(lastDay.plusMonths(1).atStartOfDay(ConsentTerms.ZONE)
                        .toInstant())
                .expectEvents(new PaymentFellDueEvent(A, line(PaymentType.THREE_MONTHS)),
                        scheduled(PaymentType.PLACEMENT_BONUS, "1800", lastDay.plusMonths(1)),
                        new PaymentFellDueEvent(A, line(PaymentType.PLACEMENT_BONUS)));
    }

    @Test
    void aJobStartingTheDayAfterMonthNineEarnsNoMunicipalBonus() {
        LocalDate dayAfter = START.plusMonths(9);
        fixture.givenCurrentTime(START_MORNING)
                .andGiven(approvedMunicipality())
                .when(new RecordPlacementCommand(A, job("20", "1500", dayAfter, null), dayAfter.plusMonths(2)))
                .expectEvents(new PlacementRecordedEvent(A, C, job("20", "1500", dayAfter, null)));
    }

    /** At and just under the covenant's 12 hours a week, reported late with the month already complete. */
    @ParameterizedTest(name = "{0} hours a week: bonus {1}")
    @CsvSource({"12, true", "11.9, false"})
    void aJobOfAtLeastTwelveHoursAWeekEarnsTheBonus(String hours, boolean earned) {
        LocalDate jobStart = START.plusMonths(1);
        Placement job = job(hours, "900", jobStart, null);
        var result = fixture.givenCurrentTime(START_MORNING)
                .andGiven(approvedMunicipality())
                .when(new RecordPlacementCommand(A, job, jobStart.plusMonths(1)));
        if (earned) {
            result.expectEvents(new PlacementRecordedEvent(A, C, job),
                    scheduled(PaymentType.PLACEMENT_BONUS, "1800", jobStart.plusMonths(1)),
                    new PaymentFellDueEvent(A, line(PaymentType.PLACEMENT_BONUS)));
        } else {
            result.expectEvents(new PlacementRecordedEvent(A, C, job));
        }
    }

    /** A job ending a full month after its start, or one day sooner. */
    @ParameterizedTest(name = "ended {0}: bonus {1}")
    @CsvSource({"2026-03-10, true", "2026-03-09, false"})
    void aJobThatLastsAFullMonthEarnsTheBonusAndOneThatEndsADaySoonerForfeitsIt(LocalDate end, boolean earned) {
        Placement ended = job("20", "900", LocalDate.of(2026, 2, 10), end);
        var result = fixture.givenCurrentTime(START_MORNING)
                .andGiven(approvedMunicipality())
                .when(new RecordPlacementCommand(A, ended, LocalDate.of(2026, 3, 20)));
        if (earned) {
            result.expectEvents(new PlacementRecordedEvent(A, C, ended),
                    scheduled(PaymentType.PLACEMENT_BONUS, "1800", LocalDate.of(2026, 3, 10)),
                    new PaymentFellDueEvent(A, line(PaymentType.PLACEMENT_BONUS)));
        } else {
            result.expectEvents(new PlacementRecordedEvent(A, C, ended), new PlacementBonusForfeitedEvent(A, C,
                    "p-1", "the job ended on 2026-03-09, before it lasted until 2026-03-10"));
        }
    }

    @Test
    void theBonusIsPaidAtMostOncePerTrajectory() {
        LocalDate jobStart = START.plusMonths(1);
        Placement second = new Placement("p-2", true, bd("30"), bd("2000"), jobStart.plusDays(3), null);
        fixture.givenCurrentTime(START_MORNING)
                .andGiven(approvedMunicipality())
                .andGivenCommands(new RecordPlacementCommand(A, job("20", "900", jobStart, null), jobStart.plusMonths(2)))
                .when(new RecordPlacementCommand(A, second, jobStart.plusMonths(2)))
                .expectEvents(new PlacementRecordedEvent(A, C, second));
    }

    @Test
    void aRedeliveredPlacementReportChangesNothing() {
        LocalDate jobStart = START.plusMonths(1);
        fixture.givenCurrentTime(START_MORNING)
                .andGiven(approvedMunicipality())
                .andGivenCommands(new RecordPlacementCommand(A, job("20", "900", jobStart, null), jobStart.plusMonths(2)))
                .when(new RecordPlacementCommand(A, job("20", "900", jobStart, null), jobStart.plusMonths(2)))
                .expectNoEvents();
    }

    @Test
    void closingBeforeThreeMonthsCancelsTheThreeMonthsPaymentAndBringsTheFinalForward() {
        LocalDate closed = START.plusMonths(3).minusDays(1);
        fixture.givenCurrentTime(START_MORNING)
                .andGiven(approvedMunicipality())
                .when(new RecordClosureCommand(A, closed, closed))
                .expectEvents(new ClosureRecordedEvent(A, C, closed),
                        new PaymentCancelledEvent(A, line(PaymentType.THREE_MONTHS),
                                "the trajectory closed on 2026-04-14, before three months had passed"),
                        new PaymentRescheduledEvent(A, line(PaymentType.FINAL), closed),
                        new PaymentFellDueEvent(A, line(PaymentType.FINAL)));
    }

    @Test
    void closingOnTheThreeMonthDateKeepsTheThreeMonthsPayment() {
        LocalDate closed = START.plusMonths(3);
        fixture.givenCurrentTime(START_MORNING)
                .andGiven(approvedMunicipality())
                .when(new RecordClosureCommand(A, closed, closed))
                .expectEvents(new ClosureRecordedEvent(A, C, closed),
                        new PaymentRescheduledEvent(A, line(PaymentType.FINAL), closed),
                        new PaymentFellDueEvent(A, line(PaymentType.FINAL)));
    }

    @Test
    void withoutACloseTheFinalFallsDueAtTheEighteenMonthCap() {
        fixture.givenCurrentTime(START_MORNING)
                .andGiven(received(Agency.MUNICIPALITY))
                .andGivenCommands(new ApproveFundingCommand(A, START, START))
                .whenThenTimeAdvancesTo(START.plusMonths(18).atStartOfDay(
                        ConsentTerms.ZONE).toInstant())
                .expectEvents(new PaymentFellDueEvent(A, line(PaymentType.THREE_MONTHS)),
                        new PaymentFellDueEvent(A, line(PaymentType.FINAL)));
    }

    @Test
    void aNonCompetitiveJobEarnsNoMunicipalBonus() {
        LocalDate jobStart = START.plusMonths(1);
        Placement sheltered = new Placement("p-1", false, bd("32"), bd("2500"), jobStart, null);
        fixture.givenCurrentTime(START_MORNING)
                .andGiven(approvedMunicipality())
                .when(new RecordPlacementCommand(A, sheltered, jobStart.plusMonths(3)))
                .expectEvents(new PlacementRecordedEvent(A, C, sheltered));
    }

    @Test
    void closingADayAfterTheThreeMonthDateKeepsTheThreeMonthsPayment() {
        LocalDate closed = START.plusMonths(3).plusDays(1);
        fixture.givenCurrentTime(START_MORNING)
                .andGiven(approvedMunicipality())
                .when(new RecordClosureCommand(A, closed, closed))
                .expectEvents(new ClosureRecordedEvent(A, C, closed),
                        new PaymentRescheduledEvent(A, line(PaymentType.FINAL), closed),
                        new PaymentFellDueEvent(A, line(PaymentType.FINAL)));
    }

    @Test
    void closingAfterTheEighteenMonthCapDoesNotMoveTheMunicipalFinal() {
        LocalDate afterCap = START.plusMonths(18).plusDays(1);
        fixture.givenCurrentTime(START_MORNING)
                .andGiven(approvedMunicipality())
                .when(new RecordClosureCommand(A, afterCap, afterCap))
                .expectEvents(new ClosureRecordedEvent(A, C, afterCap));
    }

    @Test
    void approvalRefusesTheBonusOfAPlacementWhoseDetailsWereErasedAndSchedulesTheRest() {
        fixture.givenCurrentTime(START_MORNING)
                .andGiven(received(Agency.MUNICIPALITY), new PlacementRecordedEvent(A, C, "p-1", null))
                .when(new ApproveFundingCommand(A, START, START))
                .expectEvents(approved(MUNICIPALITY_TERMS), scheduled(PaymentType.START, "900", START),
                        new PaymentFellDueEvent(A, line(PaymentType.START)),
                        scheduled(PaymentType.THREE_MONTHS, "900", START.plusMonths(3)),
                        scheduled(PaymentType.FINAL, "900", START.plusMonths(18)),
                        new PlacementBonusForfeitedEvent(A, C, "p-1", PLACEMENT_ERASED));
    }

    @Test
    void theBonusCheckOfAPlacementErasedSinceItWasRecordedRefusesTheBonusWithThatReason() {
        LocalDate jobStart = START.plusDays(5);
        fixture.givenCurrentTime(START_MORNING)
                .andGiven(approvedMunicipality())
                .andGivenCommands(new RecordPlacementCommand(A, job("20", "1500", jobStart, null), START))
                .andGiven(new PlacementRecordedEvent(A, C, "p-1", null))
                .whenThenTimeAdvancesTo(jobStart.plusMonths(1).atStartOfDay(ConsentTerms.ZONE)
                        .toInstant())
                .expectEvents(new PlacementBonusForfeitedEvent(A, C, "p-1", PLACEMENT_ERASED));
    }

    @Test
    void theMunicipalityPaysNoJobCoaching() {
        fixture.givenCurrentTime(START_MORNING)
                .andGiven(approvedMunicipality())
                .when(new RecordJobCoachingCommand(A, "s-1", START.plusDays(5), bd("2"), START.plusDays(6)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}
