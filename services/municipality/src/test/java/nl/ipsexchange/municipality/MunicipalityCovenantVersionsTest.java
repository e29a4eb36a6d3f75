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

import java.time.LocalDate;
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
import nl.ipsexchange.kernel.fidelity.FidelityBand;
import nl.ipsexchange.kernel.funding.FunderTerms;
import nl.ipsexchange.kernel.funding.FundingAgreement;
import nl.ipsexchange.kernel.funding.FundingRules;
import nl.ipsexchange.kernel.funding.PaymentType;
import nl.ipsexchange.kernel.funding.Placement;

/**
 * Covenant versions at the municipality (ADR 48): an approval pins the municipality's terms of the version in force
 * on the day of the decision, and the schedule follows those terms whatever covenant the service loads later; an
 * approval stored before approvals pinned terms pins those in force at its next fact; which funder pays job coaching,
 * at what tariff, is the terms' data.
 */
class MunicipalityCovenantVersionsTest {

    /**
     * The next covenant, in force from START: other amounts, an earlier cap (12 months), a shorter bonus window (6
     * months), and job coaching paid by the municipality.
     */
    private static final FundingAgreement NEXT = new FundingAgreement("2026.1", START,
            new FundingAgreement.Municipality(bd("1000"), bd("950"), bd("1100"), 12, bd("2000"), 6, bd("12"), 1,
                    bd("55.00")),
            AGREEMENT.benefits(), AGREEMENT.insurer(), AGREEMENT.minimumWage());
    private static final FunderTerms NEXT_TERMS = NEXT.termsOf(Agency.MUNICIPALITY);

    /** The municipality's service after the next covenant was loaded. */
    private static AggregateTestFixture<FundingApplication> underTheNextCovenant() {
        return fixture(new MunicipalityFunding(new FundingRules(NEXT)));
    }

    private static AggregateTestFixture<FundingApplication> underTheDefaultCovenant() {
        return fixture(new MunicipalityFunding(new FundingRules(AGREEMENT)));
    }

    @Test
    void aJobInTheBonusWindowOfTheTermsPinnedEarnsTheirBonusAfterAShorterWindowWasLoaded() {
        // month 7: inside the pinned 9-month window, outside the next covenant's 6; reported when its month is done
        Placement job = job("20", "1500", START.plusMonths(7), null);

        underTheNextCovenant().givenCurrentTime(START_MORNING)
                .andGiven(approvedMunicipality())
                .when(new RecordPlacementCommand(A, job, START.plusMonths(8)))
                .expectEvents(new PlacementRecordedEvent(A, C, job),
                        scheduled(PaymentType.PLACEMENT_BONUS, "1800", START.plusMonths(8)),
                        new PaymentFellDueEvent(A, line(PaymentType.PLACEMENT_BONUS)));
    }

    @Test
    void aCloseAfterTheLoadedCovenantsCapMovesTheFinalPaymentToTheCloseUnderThePinnedCap() {
        // the pinned cap is 18 months; the next covenant's 12 would put the final payment at month 12
        LocalDate closed = START.plusMonths(15);

        underTheNextCovenant().givenCurrentTime(START_MORNING)
                .andGiven(approvedMunicipality())
                .when(new RecordClosureCommand(A, closed, closed))
                .expectEvents(new ClosureRecordedEvent(A, C, closed),
                        new PaymentRescheduledEvent(A, line(PaymentType.FINAL), closed),
                        new PaymentFellDueEvent(A, line(PaymentType.FINAL)));
    }

    /** The day before the next covenant is in force, and its first day. */
    @ParameterizedTest(name = "decided {0} day(s) after the next covenant is in force: approved {1}")
    @CsvSource({"-1, false", "0, true"})
    void anApprovalIsDecidedUnderTheCovenantConfiguredFromTheDayItIsInForce(int daysAfter, boolean approvedThen) {
        LocalDate decidedOn = NEXT.effectiveFrom().plusDays(daysAfter);

        var result = underTheNextCovenant().givenCurrentTime(START_MORNING)
                .andGiven(received(Agency.MUNICIPALITY))
                .when(new ApproveFundingCommand(A, START, FidelityBand.GOOD, decidedOn));
        if (approvedThen) {
            result.expectEvents(approved(NEXT_TERMS), scheduled(PaymentType.START, "1000", START),
                            new PaymentFellDueEvent(A, line(PaymentType.START)),
                            scheduled(PaymentType.THREE_MONTHS, "950", START.plusMonths(3)),
                            scheduled(PaymentType.FINAL, "1100", START.plusMonths(12)))
                    .expectResultMessagePayload(Optional.empty());
        } else {
            result.expectException(RuleViolationException.class)
                    .expectExceptionMessage("the covenant configured, version 2026.1, is in force from " + START
                            + ": an approval can be decided under it from that day")
                    .expectNoEvents();
        }
    }

    @Test
    void anApprovalStoredBeforeApprovalsPinnedTermsPinsTheTermsInForceAtItsNextFact() {
        LocalDate closed = START.plusMonths(15);

        underTheDefaultCovenant().givenCurrentTime(START_MORNING)
                .andGiven(storedBeforeVersions())
                .when(new RecordClosureCommand(A, closed, closed))
                .expectEvents(new ClosureRecordedEvent(A, C, closed), new CovenantTermsPinnedEvent(A,
                                MUNICIPALITY_TERMS),
                        new PaymentRescheduledEvent(A, line(PaymentType.FINAL), closed),
                        new PaymentFellDueEvent(A, line(PaymentType.FINAL)));
    }

    @Test
    void termsPinnedAfterTheUpgradeOutlastTheNextCovenant() {
        LocalDate closed = START.plusMonths(15);

        underTheNextCovenant().givenCurrentTime(START_MORNING)
                .andGiven(storedBeforeVersions())
                .andGiven(new CovenantTermsPinnedEvent(A, MUNICIPALITY_TERMS))
                .when(new RecordClosureCommand(A, closed, closed))
                .expectEvents(new ClosureRecordedEvent(A, C, closed),
                        new PaymentRescheduledEvent(A, line(PaymentType.FINAL), closed),
                        new PaymentFellDueEvent(A, line(PaymentType.FINAL)));
    }

    /**
     * Job coaching is paid when the terms the trajectory keeps name a tariff, whatever the covenant loaded now says:
     * pinned under the next covenant (55.00 an hour) while the default one (none) is loaded, and the other way round.
     */
    @ParameterizedTest(name = "pinned under {0}: coaching paid {1}")
    @CsvSource({"2026.1, true", "2025.1, false"})
    void aSessionOfJobCoachingIsPaidWhenThePinnedTermsNameATariff(String pinnedVersion, boolean paid) {
        boolean pinnedNext = pinnedVersion.equals(NEXT.version());
        LocalDate session = START.plusDays(5);

        var result = (pinnedNext ? underTheDefaultCovenant() : underTheNextCovenant())
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
