package nl.ipsexchange.funding.command;

import static nl.ipsexchange.funding.command.FundingFixtures.A;
import static nl.ipsexchange.funding.command.FundingFixtures.C;
import static nl.ipsexchange.funding.command.FundingFixtures.DETAILS_ERASED;
import static nl.ipsexchange.funding.command.FundingFixtures.REFERRED;
import static nl.ipsexchange.funding.command.FundingFixtures.START;
import static nl.ipsexchange.funding.command.FundingFixtures.START_MORNING;
import static nl.ipsexchange.funding.command.FundingFixtures.approvedMunicipality;
import static nl.ipsexchange.funding.command.FundingFixtures.received;
import static nl.ipsexchange.funding.command.FundingFixtures.receivedErased;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import nl.ipsexchange.funding.command.FundingCommands.ApproveFundingCommand;
import nl.ipsexchange.funding.command.FundingCommands.FidelityRefusal;
import nl.ipsexchange.funding.command.FundingCommands.ReceiveFundingApplicationCommand;
import nl.ipsexchange.funding.command.FundingCommands.RecordClosureCommand;
import nl.ipsexchange.funding.command.FundingCommands.RejectFundingCommand;
import nl.ipsexchange.funding.command.FundingEvents.ClosureRecordedEvent;
import nl.ipsexchange.funding.command.FundingEvents.FundingApprovalRefusedEvent;
import nl.ipsexchange.funding.command.FundingEvents.FundingRejectedEvent;
import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.BenefitType;
import nl.ipsexchange.kernel.RuleViolationException;
import nl.ipsexchange.kernel.funding.FunderTerms;
import nl.ipsexchange.kernel.funding.FundingDecisionReason;
import nl.ipsexchange.kernel.funding.PaymentType;
import nl.ipsexchange.kernel.funding.Placement;

/**
 * The funding application's own decisions, whichever the funder: fidelity-gated approval, rejection, an application
 * to another funder, and details erased with the client's consent. What each funder pays and schedules is shown by
 * its own service's test of its policy through this aggregate ({@code MunicipalityFundingTest},
 * {@code BenefitsFundingTest}).
 */
class FundingApplicationTest {

    private AggregateTestFixture<FundingApplication> fixture;

    /**
     * These decisions are the aggregate's own, whichever the funder: its policy names the funder and is consulted for
     * nothing else (the funders' tests show what their policies pay and schedule).
     */
    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(FundingApplication.class);
        fixture.registerInjectableResource(NotConsulted.POLICY);
    }

    /**
     * Whether the fidelity condition opens funding is the gate's verdict alone ({@code FidelityGateTest}): a refusal
     * is recorded with its code and words and answered, and nothing else is consulted.
     */
    @Test
    void theFidelityGatesRefusalIsRecordedWithItsCodeAndAnswered() {
        String words = "the newest review of IPS team Zuid is NOT_IPS: funding needs FAIR or better";
        fixture.given(received(Agency.MUNICIPALITY))
                .when(new ApproveFundingCommand(A, START, START,
                        new FidelityRefusal(FundingDecisionReason.FIDELITY_BELOW_FAIR, words)))
                .expectEvents(new FundingApprovalRefusedEvent(A, C, words, FundingDecisionReason.FIDELITY_BELOW_FAIR))
                .expectResultMessagePayload(Optional.of(words));
    }

    @Test
    void approvingTwiceIsAConflictAndSchedulesNothingMore() {
        fixture.givenCurrentTime(START_MORNING)
                .andGiven(approvedMunicipality())
                .when(new ApproveFundingCommand(A, START, START))
                .expectException(RuleViolationException.class)
                .expectNoEvents();
    }

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
                .when(new ApproveFundingCommand(A, START, START))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage("the application was already rejected")
                .expectNoEvents();
    }

    @Test
    void anApplicationWhoseDetailsWereErasedIsRefusedApprovalWithThatReason() {
        fixture.givenCurrentTime(START_MORNING)
                .andGiven(receivedErased(Agency.MUNICIPALITY))
                .when(new ApproveFundingCommand(A, START, START))
                .expectEvents(new FundingApprovalRefusedEvent(A, C, DETAILS_ERASED,
                        FundingDecisionReason.DETAILS_ERASED))
                .expectResultMessagePayload(Optional.of(DETAILS_ERASED));
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

    @Test
    void anApplicationToThisServicesFunderIsReceived() {
        fixture.givenNoPriorActivity()
                .when(new ReceiveFundingApplicationCommand(A, C, Agency.MUNICIPALITY, BenefitType.SOCIAL_ASSISTANCE,
                        REFERRED, REFERRED.plusDays(7)))
                .expectEvents(received(Agency.MUNICIPALITY));
    }

    @Test
    void anApplicationToAnotherFunderIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new ReceiveFundingApplicationCommand(A, C, Agency.BENEFITS, BenefitType.DISABILITY, REFERRED,
                        REFERRED.plusDays(7)))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage("funder: this service decides applications to MUNICIPALITY, not to BENEFITS")
                .expectNoEvents();
    }

    /** The municipality's policy as far as these tests may use it: which funder it is, nothing more. */
    private static final class NotConsulted implements FunderPolicy {

        static final FunderPolicy POLICY = new NotConsulted();

        @Override
        public Agency funder() {
            return Agency.MUNICIPALITY;
        }

        @Override
        public FunderTerms termsForAnApprovalOn(LocalDate day) {
            throw notConsulted();
        }

        @Override
        public FunderTerms termsOfAnApprovalStoredWithoutThem(LocalDate day) {
            throw notConsulted();
        }

        @Override
        public FunderPolicy under(FunderTerms terms) {
            throw notConsulted();
        }

        @Override
        public List<Payment> onApproval(LocalDate start, LocalDate closedOn) {
            throw notConsulted();
        }

        @Override
        public Optional<String> cancelledByClosure(PaymentType type, LocalDate start, LocalDate closedOn) {
            throw notConsulted();
        }

        @Override
        public LocalDate finalDueDate(LocalDate start, LocalDate closedOn) {
            throw notConsulted();
        }

        @Override
        public Optional<String> bonusDisqualification(LocalDate trajectoryStart, Placement job) {
            throw notConsulted();
        }

        @Override
        public LocalDate bonusDueDate(Placement job) {
            throw notConsulted();
        }

        @Override
        public boolean bonusEarned(Placement job) {
            throw notConsulted();
        }

        @Override
        public BigDecimal bonusAmount() {
            throw notConsulted();
        }

        @Override
        public Optional<BigDecimal> jobCoachingAmount(BigDecimal hours) {
            throw notConsulted();
        }

        private static AssertionError notConsulted() {
            return new AssertionError("a decision of the aggregate's own consulted the funder's policy");
        }
    }
}
