package nl.ipsexchange.funding.command;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import nl.ipsexchange.funding.command.FundingCommands.ApproveFundingCommand;
import nl.ipsexchange.funding.command.FundingCommands.RecordClosureCommand;
import nl.ipsexchange.funding.command.FundingCommands.RecordJobCoachingCommand;
import nl.ipsexchange.funding.command.FundingCommands.RecordPlacementCommand;
import nl.ipsexchange.funding.command.FundingCommands.RejectFundingCommand;
import nl.ipsexchange.funding.command.FundingEvents.ClosureRecordedEvent;
import nl.ipsexchange.funding.command.FundingEvents.FundingApplicationReceivedEvent;
import nl.ipsexchange.funding.command.FundingEvents.FundingApprovalRefusedEvent;
import nl.ipsexchange.funding.command.FundingEvents.FundingApprovedEvent;
import nl.ipsexchange.funding.command.FundingEvents.FundingRejectedEvent;
import nl.ipsexchange.funding.command.FundingEvents.PaymentCancelledEvent;
import nl.ipsexchange.funding.command.FundingEvents.PaymentFellDueEvent;
import nl.ipsexchange.funding.command.FundingEvents.PaymentRescheduledEvent;
import nl.ipsexchange.funding.command.FundingEvents.PaymentScheduledEvent;
import nl.ipsexchange.funding.command.FundingEvents.PlacementBonusForfeitedEvent;
import nl.ipsexchange.funding.command.FundingEvents.PlacementRecordedEvent;
import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.BenefitType;
import nl.ipsexchange.kernel.RuleViolationException;
import nl.ipsexchange.kernel.consent.ConsentTerms;
import nl.ipsexchange.kernel.fidelity.FidelityBand;
import nl.ipsexchange.kernel.funding.FundingAgreement;
import nl.ipsexchange.kernel.funding.FundingRules;
import nl.ipsexchange.kernel.funding.PaymentType;
import nl.ipsexchange.kernel.funding.Placement;

/** The covenant's payment rules through the funder's aggregate, at and just past each boundary. */
class FundingApplicationTest {

    private static final String A = "t-1";
    private static final String C = "c-1";
    private static final LocalDate REFERRED = LocalDate.of(2026, 1, 5);
    private static final LocalDate START = LocalDate.of(2026, 1, 15);
    private static final Instant START_MORNING = Instant.parse("2026-01-15T08:00:00Z");

    static final FundingAgreement AGREEMENT = new FundingAgreement(
            new FundingAgreement.Municipality(bd("900"), bd("900"), bd("900"), 18, bd("1800"), 9, bd("12"), 1),
            new FundingAgreement.Benefits(bd("2420"), bd("2420"), 36, bd("1210"), bd("12"), bd("35"), 2,
                    bd("62.50")),
            new FundingAgreement.Insurer(bd("95.00"), bd("8")),
            List.of(new FundingAgreement.MinimumWage(LocalDate.of(2025, 1, 1), bd("2200.00"))));

    private AggregateTestFixture<FundingApplication> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(FundingApplication.class);
        fixture.registerInjectableResource(new FundingRules(AGREEMENT));
    }

    private static BigDecimal bd(String value) {
        return new BigDecimal(value);
    }

    private static FundingApplicationReceivedEvent received(Agency funder) {
        return new FundingApplicationReceivedEvent(A, C, funder,
                funder == Agency.MUNICIPALITY ? BenefitType.SOCIAL_ASSISTANCE : BenefitType.DISABILITY, REFERRED,
                REFERRED.plusDays(7));
    }

    private static String line(PaymentType type) {
        return A + ":" + type;
    }

    private static PaymentScheduledEvent scheduled(PaymentType type, String amount, LocalDate due) {
        return new PaymentScheduledEvent(A, C, line(type), type, bd(amount), due);
    }

    /** The events of an approval of a municipality application on START, with START due at once. */
    private static Object[] approvedMunicipality() {
        return new Object[] {received(Agency.MUNICIPALITY), new FundingApprovedEvent(A, C, START),
                scheduled(PaymentType.START, "900", START), new PaymentFellDueEvent(A, line(PaymentType.START)),
                scheduled(PaymentType.THREE_MONTHS, "900", START.plusMonths(3)),
                scheduled(PaymentType.FINAL, "900", START.plusMonths(18))};
    }

    private static Object[] approvedBenefits() {
        return new Object[] {received(Agency.BENEFITS), new FundingApprovedEvent(A, C, START),
                scheduled(PaymentType.START, "2420", START), new PaymentFellDueEvent(A, line(PaymentType.START)),
                scheduled(PaymentType.FINAL, "2420", START.plusMonths(36))};
    }

    private static Placement job(String hours, String wage, LocalDate start, LocalDate end) {
        return new Placement("p-1", true, bd(hours), bd(wage), start, end);
    }

    @Test
    void approvalAtTheMunicipalitySchedulesStartThreeMonthsAndTheEighteenMonthFinal() {
        fixture.givenCurrentTime(START_MORNING)
                .andGiven(received(Agency.MUNICIPALITY))
                .when(new ApproveFundingCommand(A, START, FidelityBand.FAIR, START))
                .expectEvents(new FundingApprovedEvent(A, C, START), scheduled(PaymentType.START, "900", START),
                        new PaymentFellDueEvent(A, line(PaymentType.START)),
                        scheduled(PaymentType.THREE_MONTHS, "900", START.plusMonths(3)),
                        scheduled(PaymentType.FINAL, "900", START.plusMonths(18)))
                .expectResultMessagePayload(Optional.empty());
    }

    @Test
    void approvalAtTheBenefitsAgencySchedulesStartAndTheThirtySixMonthFinal() {
        fixture.givenCurrentTime(START_MORNING)
                .andGiven(received(Agency.BENEFITS))
                .when(new ApproveFundingCommand(A, START, FidelityBand.GOOD, START))
                .expectEvents(new FundingApprovedEvent(A, C, START), scheduled(PaymentType.START, "2420", START),
                        new PaymentFellDueEvent(A, line(PaymentType.START)),
                        scheduled(PaymentType.FINAL, "2420", START.plusMonths(36)));
    }

    @Test
    void approvalIsRefusedWhenTheLatestFidelityReviewIsBelowFair() {
        fixture.given(received(Agency.MUNICIPALITY))
                .when(new ApproveFundingCommand(A, START, FidelityBand.NOT_IPS, START))
                .expectEvents(new FundingApprovalRefusedEvent(A, C,
                        "the provider's most recent fidelity review is NOT_IPS: funding needs FAIR or better"));
    }

    @Test
    void approvalIsRefusedWithoutAnyFidelityReview() {
        fixture.given(received(Agency.MUNICIPALITY))
                .when(new ApproveFundingCommand(A, START, null, START))
                .expectEvents(new FundingApprovalRefusedEvent(A, C,
                        "no fidelity review of the provider's IPS team is known: funding needs FAIR or better"));
    }

    @Test
    void approvingTwiceIsAConflictAndSchedulesNothingMore() {
        fixture.givenCurrentTime(START_MORNING)
                .andGiven(approvedMunicipality())
                .when(new ApproveFundingCommand(A, START, FidelityBand.GOOD, START))
                .expectException(RuleViolationException.class)
                .expectNoEvents();
    }

    @Test
    void paymentsFallDueWhenTheirDateArrives() {
        fixture.givenCurrentTime(START_MORNING)
                .andGiven(received(Agency.MUNICIPALITY))
                .andGivenCommands(new ApproveFundingCommand(A, START, FidelityBand.FAIR, START))
                .whenThenTimeAdvancesTo(Instant.parse("2026-04-14T23:00:00Z"))
                .expectEvents(new PaymentFellDueEvent(A, line(PaymentType.THREE_MONTHS)));
    }

    @Test
    void aJobStartingOnTheLastDayOfMonthNineEarnsTheMunicipalBonusAfterAFullMonth() {
        LocalDate lastDay = START.plusMonths(9).minusDays(1);
        fixture.givenCurrentTime(START_MORNING)
                .andGiven(received(Agency.MUNICIPALITY))
                .andGivenCommands(new ApproveFundingCommand(A, START, FidelityBand.FAIR, START),
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

    @Test
    void twelveHoursAWeekEarnTheBonusReportedLateWithTheMonthComplete() {
        LocalDate jobStart = START.plusMonths(1);
        fixture.givenCurrentTime(START_MORNING)
                .andGiven(approvedMunicipality())
                .when(new RecordPlacementCommand(A, job("12", "900", jobStart, null), jobStart.plusMonths(1)))
                .expectEvents(new PlacementRecordedEvent(A, C, job("12", "900", jobStart, null)),
                        scheduled(PaymentType.PLACEMENT_BONUS, "1800", jobStart.plusMonths(1)),
                        new PaymentFellDueEvent(A, line(PaymentType.PLACEMENT_BONUS)));
    }

    @Test
    void elevenPointNineHoursAWeekEarnNoBonus() {
        LocalDate jobStart = START.plusMonths(1);
        fixture.givenCurrentTime(START_MORNING)
                .andGiven(approvedMunicipality())
                .when(new RecordPlacementCommand(A, job("11.9", "900", jobStart, null), jobStart.plusMonths(1)))
                .expectEvents(new PlacementRecordedEvent(A, C, job("11.9", "900", jobStart, null)));
    }

    @Test
    void aJobEndingOneMonthLessADayAfterItsStartForfeitsTheBonus() {
        LocalDate jobStart = LocalDate.of(2026, 2, 10);
        Placement ended = job("20", "900", jobStart, LocalDate.of(2026, 3, 9));
        fixture.givenCurrentTime(START_MORNING)
                .andGiven(approvedMunicipality())
                .when(new RecordPlacementCommand(A, ended, LocalDate.of(2026, 3, 20)))
                .expectEvents(new PlacementRecordedEvent(A, C, ended), new PlacementBonusForfeitedEvent(A, C, "p-1",
                        "the job ended on 2026-03-09, before it lasted until 2026-03-10"));
    }

    @Test
    void aJobEndingAFullMonthAfterItsStartEarnsTheBonus() {
        LocalDate jobStart = LocalDate.of(2026, 2, 10);
        Placement ended = job("20", "900", jobStart, LocalDate.of(2026, 3, 10));
        fixture.givenCurrentTime(START_MORNING)
                .andGiven(approvedMunicipality())
                .when(new RecordPlacementCommand(A, ended, LocalDate.of(2026, 3, 20)))
                .expectEvents(new PlacementRecordedEvent(A, C, ended),
                        scheduled(PaymentType.PLACEMENT_BONUS, "1800", LocalDate.of(2026, 3, 10)),
                        new PaymentFellDueEvent(A, line(PaymentType.PLACEMENT_BONUS)));
    }

    @Test
    void aWageJustUnderThirtyFivePercentOfTheMinimumWageEarnsNoBenefitsBonus() {
        // 35% of 2200.00 is 770.00
        LocalDate jobStart = START.plusMonths(1);
        Placement under = job("20", "769.99", jobStart, null);
        fixture.givenCurrentTime(START_MORNING)
                .andGiven(approvedBenefits())
                .when(new RecordPlacementCommand(A, under, jobStart.plusMonths(3)))
                .expectEvents(new PlacementRecordedEvent(A, C, under));
    }

    @Test
    void aWageAtThirtyFivePercentEarnsTheBenefitsBonusAfterTwoMonths() {
        LocalDate jobStart = START.plusMonths(1);
        Placement at = job("20", "770.00", jobStart, null);
        fixture.givenCurrentTime(START_MORNING)
                .andGiven(approvedBenefits())
                .when(new RecordPlacementCommand(A, at, jobStart.plusMonths(3)))
                .expectEvents(new PlacementRecordedEvent(A, C, at),
                        scheduled(PaymentType.PLACEMENT_BONUS, "1210", jobStart.plusMonths(2)),
                        new PaymentFellDueEvent(A, line(PaymentType.PLACEMENT_BONUS)));
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
                .andGivenCommands(new ApproveFundingCommand(A, START, FidelityBand.FAIR, START))
                .whenThenTimeAdvancesTo(START.plusMonths(18).atStartOfDay(
                        ConsentTerms.ZONE).toInstant())
                .expectEvents(new PaymentFellDueEvent(A, line(PaymentType.THREE_MONTHS)),
                        new PaymentFellDueEvent(A, line(PaymentType.FINAL)));
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
                .expectEvents(new PaymentScheduledEvent(A, C, A + ":JOB_COACHING:s-1", PaymentType.JOB_COACHING,
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
    void anotherJobCoachingSessionIsALineOfItsOwn() {
        fixture.givenCurrentTime(START_MORNING)
                .andGiven(approvedBenefits())
                .andGivenCommands(new RecordJobCoachingCommand(A, "s-1", START.plusDays(5), bd("2"), START.plusDays(6)))
                .when(new RecordJobCoachingCommand(A, "s-2", START.plusDays(12), bd("1"), START.plusDays(6)))
                .expectEvents(new PaymentScheduledEvent(A, C, A + ":JOB_COACHING:s-2", PaymentType.JOB_COACHING,
                        bd("62.50"), START.plusDays(12)));
    }

    // ----------------------------------------------------------------- the benefits agency's bonus boundaries

    @Test
    void aBenefitsJobEndingTwoMonthsLessADayAfterItsStartForfeitsTheBonus() {
        LocalDate jobStart = LocalDate.of(2026, 2, 10);
        Placement ended = job("20", "1500", jobStart, LocalDate.of(2026, 4, 9));
        fixture.givenCurrentTime(START_MORNING)
                .andGiven(approvedBenefits())
                .when(new RecordPlacementCommand(A, ended, LocalDate.of(2026, 4, 20)))
                .expectEvents(new PlacementRecordedEvent(A, C, ended), new PlacementBonusForfeitedEvent(A, C, "p-1",
                        "the job ended on 2026-04-09, before it lasted until 2026-04-10"));
    }

    @Test
    void aBenefitsJobEndingExactlyTwoMonthsAfterItsStartEarnsTheBonus() {
        LocalDate jobStart = LocalDate.of(2026, 2, 10);
        Placement ended = job("20", "1500", jobStart, LocalDate.of(2026, 4, 10));
        fixture.givenCurrentTime(START_MORNING)
                .andGiven(approvedBenefits())
                .when(new RecordPlacementCommand(A, ended, LocalDate.of(2026, 4, 20)))
                .expectEvents(new PlacementRecordedEvent(A, C, ended),
                        scheduled(PaymentType.PLACEMENT_BONUS, "1210", LocalDate.of(2026, 4, 10)),
                        new PaymentFellDueEvent(A, line(PaymentType.PLACEMENT_BONUS)));
    }

    @Test
    void aBenefitsJobOfElevenPointNineHoursAWeekEarnsNoBonus() {
        LocalDate jobStart = START.plusMonths(1);
        Placement under = job("11.9", "1500", jobStart, null);
        fixture.givenCurrentTime(START_MORNING)
                .andGiven(approvedBenefits())
                .when(new RecordPlacementCommand(A, under, jobStart.plusMonths(3)))
                .expectEvents(new PlacementRecordedEvent(A, C, under));
    }

    @Test
    void aBenefitsJobOfTwelveHoursAWeekEarnsTheBonus() {
        LocalDate jobStart = START.plusMonths(1);
        Placement at = job("12", "1500", jobStart, null);
        fixture.givenCurrentTime(START_MORNING)
                .andGiven(approvedBenefits())
                .when(new RecordPlacementCommand(A, at, jobStart.plusMonths(3)))
                .expectEvents(new PlacementRecordedEvent(A, C, at),
                        scheduled(PaymentType.PLACEMENT_BONUS, "1210", jobStart.plusMonths(2)),
                        new PaymentFellDueEvent(A, line(PaymentType.PLACEMENT_BONUS)));
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
    void aNonCompetitiveJobEarnsNoBenefitsBonus() {
        LocalDate jobStart = START.plusMonths(1);
        Placement sheltered = new Placement("p-1", false, bd("32"), bd("2500"), jobStart, null);
        fixture.givenCurrentTime(START_MORNING)
                .andGiven(approvedBenefits())
                .when(new RecordPlacementCommand(A, sheltered, jobStart.plusMonths(3)))
                .expectEvents(new PlacementRecordedEvent(A, C, sheltered));
    }

    // ----------------------------------------------------------------- closing around the 3-, 18- and 36-month dates

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
    void withoutACloseTheBenefitsFinalIsNotDueTheDayBeforeTheThirtySixMonthCap() {
        fixture.givenCurrentTime(START_MORNING)
                .andGiven(received(Agency.BENEFITS))
                .andGivenCommands(new ApproveFundingCommand(A, START, FidelityBand.FAIR, START))
                .whenThenTimeAdvancesTo(START.plusMonths(36).minusDays(1).atStartOfDay(
                        ConsentTerms.ZONE).toInstant())
                .expectNoEvents();
    }

    @Test
    void withoutACloseTheBenefitsFinalFallsDueAtTheThirtySixMonthCap() {
        fixture.givenCurrentTime(START_MORNING)
                .andGiven(received(Agency.BENEFITS))
                .andGivenCommands(new ApproveFundingCommand(A, START, FidelityBand.FAIR, START))
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

    // ----------------------------------------------------------------- the funder's rejection

    @Test
    void rejectingRecordsTheReason() {
        fixture.given(received(Agency.MUNICIPALITY))
                .when(new RejectFundingCommand(A, "  the client moved to another municipality "))
                .expectEvents(new FundingRejectedEvent(A, C, "the client moved to another municipality"));
    }

    @Test
    void aRejectionWithABlankReasonIsRefused() {
        fixture.given(received(Agency.MUNICIPALITY))
                .when(new RejectFundingCommand(A, "   "))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage("reason: is required")
                .expectNoEvents();
    }

    @Test
    void approvingAfterARejectionIsRefused() {
        fixture.givenCurrentTime(START_MORNING)
                .andGiven(received(Agency.BENEFITS), new FundingRejectedEvent(A, C, "no budget this year"))
                .when(new ApproveFundingCommand(A, START, FidelityBand.GOOD, START))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage("the application was already rejected")
                .expectNoEvents();
    }

    // ----------------------------------------------------------------- personal data erased (consent ended)

    private static final String DETAILS_ERASED = "the application's details were erased when the client's consent "
            + "ended: it can no longer be decided";
    private static final String PLACEMENT_ERASED = "the placement's details were erased when the client's consent "
            + "ended: the bonus cannot be decided";

    /** The application as it reads from the event store once the client's BENEFITS key is destroyed. */
    private static FundingApplicationReceivedEvent receivedErased(Agency funder) {
        return new FundingApplicationReceivedEvent(A, C, funder, null, null, null);
    }

    @Test
    void anApplicationWhoseDetailsWereErasedIsRefusedApprovalWithThatReason() {
        fixture.givenCurrentTime(START_MORNING)
                .andGiven(receivedErased(Agency.MUNICIPALITY))
                .when(new ApproveFundingCommand(A, START, FidelityBand.GOOD, START))
                .expectEvents(new FundingApprovalRefusedEvent(A, C, DETAILS_ERASED))
                .expectResultMessagePayload(Optional.of(DETAILS_ERASED));
    }

    @Test
    void approvalRefusesTheBonusOfAPlacementWhoseDetailsWereErasedAndSchedulesTheRest() {
        fixture.givenCurrentTime(START_MORNING)
                .andGiven(received(Agency.MUNICIPALITY), new PlacementRecordedEvent(A, C, "p-1", null))
                .when(new ApproveFundingCommand(A, START, FidelityBand.FAIR, START))
                .expectEvents(new FundingApprovedEvent(A, C, START), scheduled(PaymentType.START, "900", START),
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
    void aClosureWhoseDateWasErasedIsNotRecordedAgain() {
        fixture.givenCurrentTime(START_MORNING)
                .andGiven(approvedMunicipality())
                .andGiven(new ClosureRecordedEvent(A, C, null))
                .when(new RecordClosureCommand(A, START.plusMonths(2), START.plusMonths(2)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}
