package nl.ipsexchange.mha.command.trajectory;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.BenefitType;
import nl.ipsexchange.kernel.funding.FundingAgreement;
import nl.ipsexchange.kernel.funding.FundingDecidedEvent.Decision;
import nl.ipsexchange.kernel.funding.FundingDecisionReason;
import nl.ipsexchange.kernel.funding.FundingRules;
import nl.ipsexchange.mha.command.trajectory.TrajectoryCommands.RecordFundingDecisionCommand;
import nl.ipsexchange.mha.command.trajectory.TrajectoryCommands.RecordJobCoachingCommand;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.ClientReferredEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.FundingAppliedEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.FundingDecisionRecordedEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.JobCoachingRecordedEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.JobCoachingReleasedEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.TrajectoryClosedEvent;

/**
 * The funder's decision in the trajectory's own history (ADR 52): kept by the funder's sequence number; a session of
 * job coaching names the covenant version the funding was approved under, or awaits the approval and is released
 * under its version when the approval is known here.
 */
class TrajectoryFundingDecisionTest {

    private static final String T = "t-1";
    private static final String C = "c-1";
    private static final LocalDate REFERRED = LocalDate.of(2026, 1, 5);
    private static final LocalDate START = LocalDate.of(2026, 3, 1);
    private static final LocalDate NEXT_FROM = LocalDate.of(2027, 1, 1);
    private static final String UTRECHT = "IPS team Utrecht";
    private static final BigDecimal TWO = new BigDecimal("2");

    private static final ClientReferredEvent REFERRAL = new ClientReferredEvent(T, C, BenefitType.SOCIAL_ASSISTANCE,
            REFERRED, "gardening", "mha.specialist", UTRECHT);
    private static final FundingAppliedEvent APPLIED = new FundingAppliedEvent(T, C, Agency.MUNICIPALITY,
            BenefitType.SOCIAL_ASSISTANCE, REFERRED, REFERRED.plusDays(20), UTRECHT);

    private AggregateTestFixture<Trajectory> fixture;

    /** This agency's covenant: the default version and the next, in force from 2027. */
    @BeforeEach
    void setUp() {
        FundingAgreement.Municipality municipality = new FundingAgreement.Municipality(bd("900"), bd("900"),
                bd("900"), 18, bd("1800"), 9, bd("12"), 1, null);
        FundingAgreement.Benefits benefits = new FundingAgreement.Benefits(bd("2420"), bd("2420"), 36, bd("1210"),
                bd("12"), bd("35"), 2, bd("62.50"));
        FundingAgreement.Version next = new FundingAgreement.Version("2027.1", NEXT_FROM,
                new FundingAgreement.Municipality(bd("950"), bd("950"), bd("950"), 18, bd("1900"), 9, bd("12"), 1,
                        bd("55.00")), benefits);
        fixture = new AggregateTestFixture<>(Trajectory.class);
        fixture.registerInjectableResource(new FundingRules(new FundingAgreement("2025.1", LocalDate.of(2025, 1, 1),
                municipality, benefits, List.of(next), new FundingAgreement.Insurer(bd("95"), bd("8")), List.of())));
    }

    private static BigDecimal bd(String value) {
        return new BigDecimal(value);
    }

    private static RecordFundingDecisionCommand approval(long sequence, LocalDate decidedOn, String version) {
        return new RecordFundingDecisionCommand(T, Agency.MUNICIPALITY, sequence, Decision.APPROVED, START, decidedOn,
                null, version);
    }

    private static FundingDecisionRecordedEvent approved(long sequence, LocalDate decidedOn, String version) {
        return new FundingDecisionRecordedEvent(T, C, Agency.MUNICIPALITY, sequence, Decision.APPROVED, START,
                decidedOn, null, version);
    }

    private static JobCoachingRecordedEvent awaiting(String session, LocalDate date) {
        return new JobCoachingRecordedEvent(T, C, session, date, TWO, Agency.MUNICIPALITY, null, true);
    }

    @Test
    void aSessionAfterTheApprovalNamesTheVersionItWasApprovedUnder() {
        fixture.given(REFERRAL, APPLIED, approved(3, START, "2027.1"))
                .when(new RecordJobCoachingCommand(T, "s-1", START.plusDays(10), TWO))
                .expectEvents(new JobCoachingRecordedEvent(T, C, "s-1", START.plusDays(10), TWO, Agency.MUNICIPALITY,
                        "2027.1", false));
    }

    @Test
    void sessionsRecordedBeforeTheApprovalWasKnownAreReleasedUnderItsVersionWhenItIs() {
        fixture.given(REFERRAL, APPLIED, awaiting("s-1", START.minusDays(3)), awaiting("s-2", START.plusDays(4)))
                .when(approval(3, START, "2027.1"))
                .expectEvents(approved(3, START, "2027.1"),
                        new JobCoachingReleasedEvent(T, C, "s-1", START.minusDays(3), TWO, Agency.MUNICIPALITY,
                                "2027.1"),
                        new JobCoachingReleasedEvent(T, C, "s-2", START.plusDays(4), TWO, Agency.MUNICIPALITY,
                                "2027.1"));
    }

    @Test
    void aRefusalReleasesNothingAndTheSessionsAwaitALaterApproval() {
        RecordFundingDecisionCommand refused = new RecordFundingDecisionCommand(T, Agency.MUNICIPALITY, 2,
                Decision.APPROVAL_REFUSED, null, START, FundingDecisionReason.FIDELITY_BELOW_FAIR, null);
        fixture.given(REFERRAL, APPLIED, awaiting("s-1", START.minusDays(3)))
                .when(refused)
                .expectEvents(new FundingDecisionRecordedEvent(T, C, Agency.MUNICIPALITY, 2,
                        Decision.APPROVAL_REFUSED, null, START, FundingDecisionReason.FIDELITY_BELOW_FAIR, null));
        fixture.given(REFERRAL, APPLIED, awaiting("s-1", START.minusDays(3)), new FundingDecisionRecordedEvent(T, C,
                        Agency.MUNICIPALITY, 2, Decision.APPROVAL_REFUSED, null, START,
                        FundingDecisionReason.FIDELITY_BELOW_FAIR, null))
                .when(new RecordJobCoachingCommand(T, "s-2", START.plusDays(1), TWO))
                .expectEvents(awaiting("s-2", START.plusDays(1)));
    }

    @Test
    void aDecisionHeardAgainOrAfterALaterOneChangesNothing() {
        fixture.given(REFERRAL, APPLIED, approved(5, START, "2025.1"))
                .when(approval(5, START, "2025.1"))
                .expectNoEvents();
        fixture.given(REFERRAL, APPLIED, approved(5, START, "2025.1"))
                .when(new RecordFundingDecisionCommand(T, Agency.MUNICIPALITY, 2, Decision.APPROVAL_REFUSED, null,
                        START, FundingDecisionReason.NO_FIDELITY_REVIEW, null))
                .expectNoEvents();
    }

    @Test
    void aReleasedSessionIsNotReleasedAgain() {
        fixture.given(REFERRAL, APPLIED, awaiting("s-1", START.minusDays(3)),
                        new FundingDecisionRecordedEvent(T, C, Agency.MUNICIPALITY, 2, Decision.APPROVAL_REFUSED,
                                null, START, FundingDecisionReason.FIDELITY_BELOW_FAIR, null),
                        approved(4, START, "2025.1"),
                        new JobCoachingReleasedEvent(T, C, "s-1", START.minusDays(3), TWO, Agency.MUNICIPALITY,
                                "2025.1"))
                .when(approval(6, START, "2025.1"))
                .expectEvents(approved(6, START, "2025.1"));
    }

    /** An approval whose message named no version (sent before approvals pinned one), the day before and on 2027's. */
    @ParameterizedTest(name = "decided {0}: under {1}")
    @CsvSource({"2026-12-31, 2025.1", "2027-01-01, 2027.1"})
    void anApprovalThatNamesNoVersionIsUnderTheVersionOfItsDay(LocalDate decidedOn, String version) {
        fixture.given(REFERRAL, APPLIED)
                .when(approval(3, decidedOn, null))
                .expectEvents(approved(3, decidedOn, version));
    }

    @Test
    void aDecisionArrivingAfterTheCloseIsKept() {
        fixture.given(REFERRAL, APPLIED, new TrajectoryClosedEvent(T, C, START.plusMonths(1), "moved",
                        Agency.MUNICIPALITY))
                .when(approval(3, START, "2025.1"))
                .expectEvents(approved(3, START, "2025.1"));
    }
}
