package nl.ipsexchange.municipality;

import static nl.ipsexchange.funding.command.FundingFixtures.A;
import static nl.ipsexchange.funding.command.FundingFixtures.AGREEMENT;
import static nl.ipsexchange.funding.command.FundingFixtures.C;
import static nl.ipsexchange.funding.command.FundingFixtures.MUNICIPALITY_TERMS;
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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import nl.ipsexchange.funding.command.FundingApplication;
import nl.ipsexchange.funding.command.FundingCommands.ApproveFundingCommand;
import nl.ipsexchange.funding.command.FundingCommands.RecordClosureCommand;
import nl.ipsexchange.funding.command.FundingCommands.RecordJobCoachingCommand;
import nl.ipsexchange.funding.command.FundingCommands.RecordPlacementCommand;
import nl.ipsexchange.funding.command.FundingEvents.ClosureRecordedEvent;
import nl.ipsexchange.funding.command.FundingEvents.CovenantTermsPinnedEvent;
import nl.ipsexchange.funding.command.FundingEvents.FundingApprovedEvent;
import nl.ipsexchange.funding.command.FundingEvents.JobCoachingSessionRecordedEvent;
import nl.ipsexchange.funding.command.FundingEvents.PaymentFellDueEvent;
import nl.ipsexchange.funding.command.FundingEvents.PaymentRescheduledEvent;
import nl.ipsexchange.funding.command.FundingEvents.PaymentScheduledEvent;
import nl.ipsexchange.funding.command.FundingEvents.PlacementRecordedEvent;
import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.RuleViolationException;
import nl.ipsexchange.kernel.funding.FunderTerms;
import nl.ipsexchange.kernel.funding.FundingAgreement;
import nl.ipsexchange.kernel.funding.FundingRules;
import nl.ipsexchange.kernel.funding.PaymentType;
import nl.ipsexchange.kernel.funding.Placement;

/**
 * Covenant versions at the municipality (ADRs 48, 52): the service has the default version and the next one loaded
 * ahead of its day; an approval pins the municipality's terms of the version in force on the day of the decision, and
 * the schedule follows those terms whatever versions the service loads later; an approval stored before approvals
 * pinned terms pins, at its next fact, those of the version in force on the day it was decided; which funder pays job
 * coaching, at what tariff, is the terms' data.
 */
class MunicipalityCovenantVersionsTest {

    /**
     * The next version, in force from START: other amounts, an earlier cap (12 months), a shorter bonus window (6
     * months), and job coaching paid by the municipality.
     */
    private static final FundingAgreement.Version NEXT = new FundingAgreement.Version("2026.1", START,
            new FundingAgreement.Municipality(bd("1000"), bd("950"), bd("1100"), 12, bd("2000"), 6, bd("12"), 1,
                    bd("55.00")),
            AGREEMENT.benefits());
    private static final FunderTerms NEXT_TERMS = NEXT.termsOf(Agency.MUNICIPALITY);
    /** The default covenant's version and the next one, as the service has them once the next is loaded. */
    private static final FundingAgreement BOTH = new FundingAgreement(AGREEMENT.version(), AGREEMENT.effectiveFrom(),
            AGREEMENT.municipality(), AGREEMENT.benefits(), List.of(NEXT), AGREEMENT.insurer(),
            AGREEMENT.minimumWage());
    private static final Instant DAY_BEFORE_NEXT = START_MORNING.minus(1, ChronoUnit.DAYS);

    /** The municipality's service after the next version was loaded. */
    private static AggregateTestFixture<FundingApplication> withTheNextVersionLoaded() {
        return fixture(new MunicipalityFunding(new FundingRules(BOTH)));
    }

    private static AggregateTestFixture<FundingApplication> underTheDefaultCovenant() {
        return fixture(new MunicipalityFunding(new FundingRules(AGREEMENT)));
    }

    @Test
    void aJobInTheBonusWindowOfTheTermsPinnedEarnsTheirBonusAfterAShorterWindowCameIntoForce() {
        // month 7: inside the pinned 9-month window, outside the next version's 6; reported when its month is done
        Placement job = job("20", "1500", START.plusMonths(7), null);

        withTheNextVersionLoaded().givenCurrentTime(START_MORNING)
                .andGiven(approvedMunicipality())
                .when(new RecordPlacementCommand(A, job, START.plusMonths(8)))
                .expectEvents(new PlacementRecordedEvent(A, C, job),
                        scheduled(PaymentType.PLACEMENT_BONUS, "1800", START.plusMonths(8)),
                        new PaymentFellDueEvent(A, line(PaymentType.PLACEMENT_BONUS)));
    }

    @Test
    void aCloseAfterTheNextVersionsCapMovesTheFinalPaymentToTheCloseUnderThePinnedCap() {
        // the pinned cap is 18 months; the next version's 12 would put the final payment at month 12
        LocalDate closed = START.plusMonths(15);

        withTheNextVersionLoaded().givenCurrentTime(START_MORNING)
                .andGiven(approvedMunicipality())
                .when(new RecordClosureCommand(A, closed, closed))
                .expectEvents(new ClosureRecordedEvent(A, C, closed),
                        new PaymentRescheduledEvent(A, line(PaymentType.FINAL), closed),
                        new PaymentFellDueEvent(A, line(PaymentType.FINAL)));
    }

    /** Decided the day before the next version is in force, and on its first day: the version of that day. */
    @ParameterizedTest(name = "decided {0} day(s) after the next version is in force: under {1}")
    @CsvSource({"-1, 2025.1", "0, 2026.1"})
    void anApprovalIsDecidedUnderTheVersionInForceOnTheDayOfTheDecision(int daysAfter, String version) {
        LocalDate decidedOn = NEXT.effectiveFrom().plusDays(daysAfter);

        var result = withTheNextVersionLoaded().givenCurrentTime(START_MORNING)
                .andGiven(received(Agency.MUNICIPALITY))
                .when(new ApproveFundingCommand(A, START, decidedOn))
                .expectResultMessagePayload(Optional.empty());
        if (version.equals(NEXT.version())) {
            result.expectEvents(approved(NEXT_TERMS), scheduled(PaymentType.START, "1000", START),
                    new PaymentFellDueEvent(A, line(PaymentType.START)),
                    scheduled(PaymentType.THREE_MONTHS, "950", START.plusMonths(3)),
                    scheduled(PaymentType.FINAL, "1100", START.plusMonths(12)));
        } else {
            // decided the day before the start: the START line falls due on its day, not at once
            result.expectEvents(approved(MUNICIPALITY_TERMS), scheduled(PaymentType.START, "900", START),
                    scheduled(PaymentType.THREE_MONTHS, "900", START.plusMonths(3)),
                    scheduled(PaymentType.FINAL, "900", START.plusMonths(18)));
        }
    }

    @Test
    void beforeTheFirstVersionIsInForceAnApprovalIsAConflictNamingItAndRecordsNothing() {
        LocalDate dayBefore = AGREEMENT.effectiveFrom().minusDays(1);

        withTheNextVersionLoaded().givenCurrentTime(START_MORNING)
                .andGiven(received(Agency.MUNICIPALITY))
                .when(new ApproveFundingCommand(A, START, dayBefore))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage("no covenant version is in force on " + dayBefore + ": the first, 2025.1, "
                        + "is in force from " + AGREEMENT.effectiveFrom())
                .expectNoEvents();
    }

    /**
     * An approval stored before approvals pinned terms, on a day before the next version: at its next fact, when the
     * next version is in force, it pins the terms of its own day's version, not of the fact's.
     */
    @Test
    void anApprovalStoredBeforeApprovalsPinnedTermsPinsTheVersionOfItsOwnDayAtItsNextFact() {
        LocalDate closed = START.plusMonths(15);

        withTheNextVersionLoaded().givenCurrentTime(DAY_BEFORE_NEXT)
                .andGiven(storedBeforeVersions())
                .andGivenCurrentTime(START_MORNING.plus(450, ChronoUnit.DAYS))
                .when(new RecordClosureCommand(A, closed, closed))
                .expectEvents(new ClosureRecordedEvent(A, C, closed), new CovenantTermsPinnedEvent(A,
                                MUNICIPALITY_TERMS),
                        new PaymentRescheduledEvent(A, line(PaymentType.FINAL), closed),
                        new PaymentFellDueEvent(A, line(PaymentType.FINAL)));
    }

    @Test
    void termsPinnedAfterTheUpgradeOutlastTheNextVersion() {
        LocalDate closed = START.plusMonths(15);

        withTheNextVersionLoaded().givenCurrentTime(START_MORNING)
                .andGiven(storedBeforeVersions())
                .andGiven(new CovenantTermsPinnedEvent(A, MUNICIPALITY_TERMS))
                .when(new RecordClosureCommand(A, closed, closed))
                .expectEvents(new ClosureRecordedEvent(A, C, closed),
                        new PaymentRescheduledEvent(A, line(PaymentType.FINAL), closed),
                        new PaymentFellDueEvent(A, line(PaymentType.FINAL)));
    }

    /**
     * Job coaching is paid when the terms the trajectory keeps name a tariff, whatever versions the service loads:
     * pinned under the next version (55.00 an hour) or under the default one (none).
     */
    @ParameterizedTest(name = "pinned under {0}: coaching paid {1}")
    @CsvSource({"2026.1, true", "2025.1, false"})
    void aSessionOfJobCoachingIsPaidWhenThePinnedTermsNameATariff(String pinnedVersion, boolean paid) {
        boolean pinnedNext = pinnedVersion.equals(NEXT.version());
        LocalDate session = START.plusDays(5);

        var result = (pinnedNext ? underTheDefaultCovenant() : withTheNextVersionLoaded())
                .givenCurrentTime(START_MORNING)
                .andGiven(approvedUnder(pinnedNext ? NEXT_TERMS : MUNICIPALITY_TERMS))
                .when(new RecordJobCoachingCommand(A, "s-1", session, bd("2"), START.plusDays(6)));
        if (paid) {
            result.expectEvents(new JobCoachingSessionRecordedEvent(A, C, "s-1", session, bd("2")),
                    new PaymentScheduledEvent(A, C, A + ":JOB_COACHING:s-1", PaymentType.JOB_COACHING,
                            bd("110.00"), session),
                    new PaymentFellDueEvent(A, A + ":JOB_COACHING:s-1"));
        } else {
            result.expectSuccessfulHandlerExecution().expectNoEvents();
        }
    }

    /**
     * A session recorded before the approval is kept as a fact, whatever version is in force then: the terms the
     * approval pins decide what it is worth (the next version pays 55.00 an hour, the default one nothing).
     */
    @ParameterizedTest(name = "approved under {0}: the earlier session paid {1}")
    @CsvSource({"2026.1, true", "2025.1, false"})
    void aSessionRecordedBeforeTheApprovalIsPaidByTheTermsTheApprovalPins(String version, boolean paid) {
        LocalDate session = START.minusDays(2);
        LocalDate decidedOn = version.equals(NEXT.version()) ? START : START.minusDays(1);
        FunderTerms pinned = version.equals(NEXT.version()) ? NEXT_TERMS : MUNICIPALITY_TERMS;
        List<Object> expected = new ArrayList<>(List.of(approved(pinned),
                scheduled(PaymentType.START, pinned.start().toPlainString(), START)));
        if (!decidedOn.isBefore(START)) {
            expected.add(new PaymentFellDueEvent(A, line(PaymentType.START)));
        }
        expected.add(scheduled(PaymentType.THREE_MONTHS, pinned.threeMonths().toPlainString(), START.plusMonths(3)));
        expected.add(scheduled(PaymentType.FINAL, pinned.finalPayment().toPlainString(),
                START.plusMonths(pinned.finalAfterMonths())));
        if (paid) {
            expected.add(new PaymentScheduledEvent(A, C, A + ":JOB_COACHING:s-1", PaymentType.JOB_COACHING,
                    bd("110.00"), session));
            expected.add(new PaymentFellDueEvent(A, A + ":JOB_COACHING:s-1"));
        }

        withTheNextVersionLoaded().givenCurrentTime(DAY_BEFORE_NEXT)
                .andGiven(received(Agency.MUNICIPALITY))
                .andGivenCommands(new RecordJobCoachingCommand(A, "s-1", session, bd("2"), START.minusDays(1)))
                .when(new ApproveFundingCommand(A, START, decidedOn))
                .expectEvents(expected.toArray());
    }

    /** A municipality approval on START under these terms, and its lines. */
    private static Object[] approvedUnder(FunderTerms terms) {
        return new Object[] {received(Agency.MUNICIPALITY), approved(terms),
                scheduled(PaymentType.START, terms.start().toPlainString(), START),
                new PaymentFellDueEvent(A, line(PaymentType.START)),
                scheduled(PaymentType.THREE_MONTHS, terms.threeMonths().toPlainString(), START.plusMonths(3)),
                scheduled(PaymentType.FINAL, terms.finalPayment().toPlainString(),
                        START.plusMonths(terms.finalAfterMonths()))};
    }

    /** A municipality approval and its lines as stored before approvals pinned terms (revision 1). */
    private static Object[] storedBeforeVersions() {
        return new Object[] {received(Agency.MUNICIPALITY), new FundingApprovedEvent(A, C, START),
                scheduled(PaymentType.START, "900", START), new PaymentFellDueEvent(A, line(PaymentType.START)),
                scheduled(PaymentType.THREE_MONTHS, "900", START.plusMonths(3)),
                scheduled(PaymentType.FINAL, "900", START.plusMonths(18))};
    }
}
