package nl.ipsexchange.funding.command;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.funding.FunderTerms;
import nl.ipsexchange.kernel.funding.PaymentType;
import nl.ipsexchange.kernel.funding.Placement;

/**
 * What one funder pays under the covenant and which lines it schedules (section 4 of the domain brief): the
 * funder's own part of the covenant, which {@link FundingApplication} applies without naming any funder. Each
 * funder's service provides its own as a bean (the municipality's and the benefits agency's, in their modules); the
 * aggregate takes it as a parameter of its handlers. Amounts, periods and tariffs come from the covenant's data (the
 * funder's {@link FunderTerms}), never from the policy's code: the service's bean chooses the covenant version
 * in force on the day of an approval, and the aggregate, once approved, computes under the terms its approval pinned
 * ({@link #under}, ADRs 48, 52).
 */
public interface FunderPolicy {

    /** A line of the schedule: what is paid, how much, and when it falls due. */
    record Payment(PaymentType type, BigDecimal amount, LocalDate dueDate) {
    }

    /** The funder whose applications this service decides. */
    Agency funder();

    /**
     * This funder's part of the covenant version in force on {@code day}, the day an approval is decided: what the
     * approval pins. A conflict naming the first version when no version is in force yet.
     */
    FunderTerms termsForAnApprovalOn(LocalDate day);

    /**
     * This funder's part of the version an approval decided on {@code day} without pinning terms (stored before
     * approvals pinned them) is under: the one in force that day, the first for a day before it.
     */
    FunderTerms termsOfAnApprovalStoredWithoutThem(LocalDate day);

    /**
     * This funder's policy under terms of its own: those an approval pinned. The lines, dates and amounts below are
     * computed under those terms; the service's bean, under none, computes none of them.
     */
    FunderPolicy under(FunderTerms terms);

    /**
     * The lines an approval schedules, in order, for a trajectory starting on {@code start} and closed on
     * {@code closedOn} (null while open).
     */
    List<Payment> onApproval(LocalDate start, LocalDate closedOn);

    /**
     * Why a close on {@code closedOn} cancels a scheduled line of type {@code type}, or empty when the line stays
     * (the final payment is not cancelled but moved: {@link #finalDueDate}).
     */
    Optional<String> cancelledByClosure(PaymentType type, LocalDate start, LocalDate closedOn);

    /** The final payment's due date: the close or the funder's cap, whichever comes first. */
    LocalDate finalDueDate(LocalDate start, LocalDate closedOn);

    /** Why a job cannot earn the placement bonus, judged on what is known at its start; empty when it can. */
    Optional<String> bonusDisqualification(LocalDate trajectoryStart, Placement job);

    /** The day the job's required period is complete: the bonus's due date. */
    LocalDate bonusDueDate(Placement job);

    /** Whether the job lasted the required period. */
    boolean bonusEarned(Placement job);

    BigDecimal bonusAmount();

    /** The amount of a job-coaching session of {@code hours}, or empty when this funder pays no job coaching. */
    Optional<BigDecimal> jobCoachingAmount(BigDecimal hours);
}
