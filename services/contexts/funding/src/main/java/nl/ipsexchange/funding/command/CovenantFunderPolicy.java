package nl.ipsexchange.funding.command;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.funding.FundingRules;
import nl.ipsexchange.kernel.funding.PaymentType;
import nl.ipsexchange.kernel.funding.Placement;

/**
 * What every funder's policy takes from the covenant alike, for its own part: the start and final payments, the final
 * payment's date and the placement bonus. A funder's policy adds what is its own: the lines it schedules, what a close
 * cancels, and whether it pays job coaching.
 */
public abstract class CovenantFunderPolicy implements FunderPolicy {

    protected final FundingRules rules;
    private final Agency funder;

    protected CovenantFunderPolicy(FundingRules rules, Agency funder) {
        this.rules = rules;
        this.funder = funder;
    }

    @Override
    public Agency funder() {
        return funder;
    }

    /** The START line, on the start date. */
    protected Payment startPayment(LocalDate start) {
        return new Payment(PaymentType.START, rules.startAmount(funder), start);
    }

    /** The FINAL line, at the close or the cap. */
    protected Payment finalPayment(LocalDate start, LocalDate closedOn) {
        return new Payment(PaymentType.FINAL, rules.finalAmount(funder), finalDueDate(start, closedOn));
    }

    @Override
    public LocalDate finalDueDate(LocalDate start, LocalDate closedOn) {
        return rules.finalDueDate(funder, start, closedOn);
    }

    @Override
    public Optional<String> bonusDisqualification(LocalDate trajectoryStart, Placement job) {
        return rules.bonusDisqualification(funder, trajectoryStart, job);
    }

    @Override
    public LocalDate bonusDueDate(Placement job) {
        return rules.bonusDueDate(funder, job);
    }

    @Override
    public boolean bonusEarned(Placement job) {
        return rules.bonusEarned(funder, job);
    }

    @Override
    public BigDecimal bonusAmount() {
        return rules.bonusAmount(funder);
    }
}
