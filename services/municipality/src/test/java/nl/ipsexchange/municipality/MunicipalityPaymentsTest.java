package nl.ipsexchange.municipality;

import static nl.ipsexchange.funding.command.FundingFixtures.A;
import static nl.ipsexchange.funding.command.FundingFixtures.AGREEMENT;
import static nl.ipsexchange.funding.command.FundingFixtures.C;
import static nl.ipsexchange.funding.command.FundingFixtures.START;
import static nl.ipsexchange.funding.command.FundingFixtures.START_MORNING;
import static nl.ipsexchange.funding.command.FundingFixtures.approvedMunicipality;
import static nl.ipsexchange.funding.command.FundingFixtures.bd;
import static nl.ipsexchange.funding.command.FundingFixtures.fixture;
import static nl.ipsexchange.funding.command.FundingFixtures.job;
import static nl.ipsexchange.funding.command.FundingFixtures.line;

import java.time.LocalDate;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import nl.ipsexchange.funding.command.FundingApplication;
import nl.ipsexchange.funding.command.FundingCommands.RecordClosureCommand;
import nl.ipsexchange.funding.command.FundingCommands.RecordPaymentCommand;
import nl.ipsexchange.funding.command.FundingCommands.RecordPlacementCommand;
import nl.ipsexchange.funding.command.FundingEvents.ClosureRecordedEvent;
import nl.ipsexchange.funding.command.FundingEvents.PaymentCancelledEvent;
import nl.ipsexchange.funding.command.FundingEvents.PaymentCorrectedEvent;
import nl.ipsexchange.funding.command.FundingEvents.PaymentFellDueEvent;
import nl.ipsexchange.funding.command.FundingEvents.PaymentRecordedEvent;
import nl.ipsexchange.funding.command.FundingEvents.PaymentRescheduledEvent;
import nl.ipsexchange.funding.command.FundingEvents.PaymentScheduledEvent;
import nl.ipsexchange.funding.command.FundingEvents.PlacementBonusForfeitedEvent;
import nl.ipsexchange.funding.command.FundingEvents.PlacementRecordedEvent;
import nl.ipsexchange.kernel.RuleViolationException;
import nl.ipsexchange.kernel.funding.FundingRules;
import nl.ipsexchange.kernel.funding.PaymentType;
import nl.ipsexchange.kernel.funding.Placement;

/**
 * Payments at the municipality: a line that fell due is recorded as paid (date, reference), once; a paid line is
 * never rewritten: when later facts no longer support it, it gets a correction; and a close recorded after the
 * 18-month cap had passed still brings the final payment forward to the close.
 */
class MunicipalityPaymentsTest {

    private static final String START_LINE = line(PaymentType.START);
    private static final String THREE_MONTHS = line(PaymentType.THREE_MONTHS);
    private static final String FINAL = line(PaymentType.FINAL);

    private AggregateTestFixture<FundingApplication> fixture;

    @BeforeEach
    void setUp() {
        fixture = fixture(new MunicipalityFunding(new FundingRules(AGREEMENT)));
    }

    @Test
    void aLineThatFellDueIsRecordedAsPaidWithItsDateAndReference() {
        fixture.givenCurrentTime(START_MORNING)
                .andGiven(approvedMunicipality())
                .when(new RecordPaymentCommand(A, START_LINE, START.plusDays(3), " BV-2026-0042 ", START.plusDays(4)))
                .expectEvents(new PaymentRecordedEvent(A, C, START_LINE, PaymentType.START, bd("900"),
                        START.plusDays(3), "BV-2026-0042"));
    }

    @Test
    void theSamePaymentRecordedAgainChangesNothing() {
        fixture.givenCurrentTime(START_MORNING)
                .andGiven(approvedMunicipality())
                .andGiven(paid(START_LINE, PaymentType.START, START.plusDays(3)))
                .when(new RecordPaymentCommand(A, START_LINE, START.plusDays(3), "BV-2026-0042", START.plusDays(9)))
                .expectNoEvents();
    }

    @Test
    void anotherPaymentOfAPaidLineIsAConflict() {
        fixture.givenCurrentTime(START_MORNING)
                .andGiven(approvedMunicipality())
                .andGiven(paid(START_LINE, PaymentType.START, START.plusDays(3)))
                .when(new RecordPaymentCommand(A, START_LINE, START.plusDays(8), "BV-2026-0077", START.plusDays(9)))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage("the line was already paid on " + START.plusDays(3)
                        + " (reference BV-2026-0042)");
    }

    @Test
    void aLineNotYetDueCannotBePaid() {
        fixture.givenCurrentTime(START_MORNING)
                .andGiven(approvedMunicipality())
                .when(new RecordPaymentCommand(A, THREE_MONTHS, START.plusDays(3), "BV-1", START.plusDays(4)))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage("the line is not due until " + START.plusMonths(3));
    }

    @Test
    void aCancelledLineCannotBePaid() {
        fixture.givenCurrentTime(START_MORNING)
                .andGiven(approvedMunicipality())
                .andGiven(new PaymentCancelledEvent(A, THREE_MONTHS, "closed before three months"))
                .when(new RecordPaymentCommand(A, THREE_MONTHS, START.plusMonths(3), "BV-1", START.plusMonths(4)))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage("the line was cancelled: nothing is owed");
    }

    /** The payment's date against the line's due date and today: on either boundary it is accepted. */
    @ParameterizedTest(name = "paid {0} days after the due date, recorded {1} days after it: accepted {2}")
    @CsvSource({"0, 0, true", "-1, 0, false", "2, 2, true", "3, 2, false"})
    void aPaymentIsDatedBetweenTheDueDateAndToday(int paidAfterDue, int recordedAfterDue, boolean accepted) {
        LocalDate due = START.plusMonths(3);
        var result = fixture.givenCurrentTime(START_MORNING)
                .andGiven(approvedMunicipality())
                .andGiven(new PaymentFellDueEvent(A, THREE_MONTHS))
                .when(new RecordPaymentCommand(A, THREE_MONTHS, due.plusDays(paidAfterDue), "BV-7",
                        due.plusDays(recordedAfterDue)));
        if (accepted) {
            result.expectEvents(new PaymentRecordedEvent(A, C, THREE_MONTHS, PaymentType.THREE_MONTHS, bd("900"),
                    due.plusDays(paidAfterDue), "BV-7"));
        } else {
            result.expectException(RuleViolationException.class).expectNoEvents();
        }
    }

    /** The funder's reference as its books name it: 100 characters at most, also when the page posts it. */
    @ParameterizedTest(name = "a reference of {0} characters: accepted {1}")
    @CsvSource({"100, true", "101, false"})
    void aPaymentsReferenceIsAtMostAHundredCharacters(int length, boolean accepted) {
        String reference = "R".repeat(length);
        var result = fixture.givenCurrentTime(START_MORNING)
                .andGiven(approvedMunicipality())
                .when(new RecordPaymentCommand(A, START_LINE, START, reference, START.plusDays(1)));
        if (accepted) {
            result.expectEvents(new PaymentRecordedEvent(A, C, START_LINE, PaymentType.START, bd("900"), START,
                    reference));
        } else {
            result.expectException(RuleViolationException.class)
                    .expectExceptionMessage("reference: must be at most 100 characters").expectNoEvents();
        }
    }

    @Test
    void aCloseRecordedAfterTheCapHadPassedStillBringsTheFinalForwardToTheClose() {
        LocalDate closed = START.plusMonths(13).plusDays(15);
        fixture.givenCurrentTime(START_MORNING)
                .andGiven(approvedMunicipality())
                .andGiven(new PaymentFellDueEvent(A, THREE_MONTHS), new PaymentFellDueEvent(A, FINAL))
                .when(new RecordClosureCommand(A, closed, START.plusMonths(20)))
                .expectEvents(new ClosureRecordedEvent(A, C, closed), new PaymentRescheduledEvent(A, FINAL, closed));
    }

    @Test
    void aPaidLineThatALaterRecordedCloseNoLongerSupportsGetsACorrectionAndIsNotRewritten() {
        LocalDate closed = START.plusMonths(2);
        LocalDate today = START.plusMonths(4);
        fixture.givenCurrentTime(START_MORNING)
                .andGiven(approvedMunicipality())
                .andGiven(new PaymentFellDueEvent(A, THREE_MONTHS),
                        paid(THREE_MONTHS, PaymentType.THREE_MONTHS, START.plusMonths(3)))
                .when(new RecordClosureCommand(A, closed, today))
                .expectEvents(new ClosureRecordedEvent(A, C, closed),
                        new PaymentCorrectedEvent(A, C, THREE_MONTHS + ":correction", THREE_MONTHS,
                                PaymentType.THREE_MONTHS, bd("-900"), today,
                                "the trajectory closed on " + closed + ", before three months had passed"),
                        new PaymentRescheduledEvent(A, FINAL, closed), new PaymentFellDueEvent(A, FINAL));
    }

    @Test
    void aPaidBonusWhoseJobTurnsOutToHaveEndedTooSoonGetsACorrection() {
        LocalDate jobStart = START.plusDays(5);
        String bonus = line(PaymentType.PLACEMENT_BONUS);
        Placement ended = job("20", "1500", jobStart, jobStart.plusDays(20));
        LocalDate today = jobStart.plusMonths(3);
        fixture.givenCurrentTime(START_MORNING)
                .andGiven(approvedMunicipality())
                .andGiven(new PlacementRecordedEvent(A, C, job("20", "1500", jobStart, null)),
                        new PaymentScheduledEvent(A, C, bonus, PaymentType.PLACEMENT_BONUS, bd("1800"),
                                jobStart.plusMonths(1)),
                        new PaymentFellDueEvent(A, bonus),
                        paid(bonus, PaymentType.PLACEMENT_BONUS, jobStart.plusMonths(1)))
                .when(new RecordPlacementCommand(A, ended, today))
                .expectEvents(new PlacementRecordedEvent(A, C, ended),
                        new PlacementBonusForfeitedEvent(A, C, "p-1", "the job ended on " + ended.endDate()
                                + ", before it lasted until " + jobStart.plusMonths(1)),
                        new PaymentCorrectedEvent(A, C, bonus + ":correction", bonus, PaymentType.PLACEMENT_BONUS,
                                bd("-1800"), today, "the job ended on " + ended.endDate() + ", before it lasted until "
                                + jobStart.plusMonths(1)));
    }

    @Test
    void anUnpaidBonusWhoseJobTurnsOutToHaveEndedTooSoonIsCancelled() {
        LocalDate jobStart = START.plusDays(5);
        String bonus = line(PaymentType.PLACEMENT_BONUS);
        Placement ended = job("20", "1500", jobStart, jobStart.plusDays(20));
        String reason = "the job ended on " + ended.endDate() + ", before it lasted until " + jobStart.plusMonths(1);
        fixture.givenCurrentTime(START_MORNING)
                .andGiven(approvedMunicipality())
                .andGiven(new PlacementRecordedEvent(A, C, job("20", "1500", jobStart, null)),
                        new PaymentScheduledEvent(A, C, bonus, PaymentType.PLACEMENT_BONUS, bd("1800"),
                                jobStart.plusMonths(1)),
                        new PaymentFellDueEvent(A, bonus))
                .when(new RecordPlacementCommand(A, ended, jobStart.plusMonths(2)))
                .expectEvents(new PlacementRecordedEvent(A, C, ended),
                        new PlacementBonusForfeitedEvent(A, C, "p-1", reason),
                        new PaymentCancelledEvent(A, bonus, reason));
    }

    private static PaymentRecordedEvent paid(String lineId, PaymentType type, LocalDate on) {
        String amount = type == PaymentType.PLACEMENT_BONUS ? "1800" : "900";
        return new PaymentRecordedEvent(A, C, lineId, type, bd(amount), on, "BV-2026-0042");
    }
}
