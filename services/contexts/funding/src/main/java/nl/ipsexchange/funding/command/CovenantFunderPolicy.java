package nl.ipsexchange.funding.command;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.funding.FunderTerms;
import nl.ipsexchange.kernel.funding.FundingRules;
import nl.ipsexchange.kernel.funding.PaymentType;
import nl.ipsexchange.kernel.funding.Placement;

/**
 * What every funder's policy takes from the covenant alike, for its own part and under its {@link #terms()}: the
 * start and final payments, the final payment's date, the placement bonus and job coaching (paid when the terms name
 * a tariff), and which version's terms an approval pins. A funder's policy adds what is its own: the lines it
 * schedules and what a close cancels.
 */
public abstract class CovenantFunderPolicy implements FunderPolicy {

    protected final FundingRules rules;
    private final FunderTerms terms;
    private final Agency funder;

    /** The funder's policy as the service's bean: it chooses the terms of an approval and computes under none. */
    protected CovenantFunderPolicy(FundingRules rules, Agency funder) {
        this(rules, funder, null);
    }

    /** The funder's policy under the given terms (those an approval pinned). */
    protected CovenantFunderPolicy(FundingRules rules, Agency funder, FunderTerms terms) {
        this.rules = rules;
        this.funder = funder;
        this.terms = terms;
    }

    @Override
    public Agency funder() {
        return funder;
    }

    @Override
    public FunderTerms termsForAnApprovalOn(LocalDate day) {
        return rules.termsForAnApprovalOn(funder, day);
    }

    @Override
    public FunderTerms termsOfAnApprovalStoredWithoutThem(LocalDate day) {
        return rules.agreement().versionOfAnApprovalOn(day).termsOf(funder);
    }

    /** The terms this policy computes under: only a policy under an approval's terms ({@link #under}) has them. */
    protected FunderTerms terms() {
        if (terms == null) {
            throw new IllegalStateException("the funder's policy computes only under an approval's terms: under()");
        }
        return terms;
    }

    /** The START line, on the start date. */
    protected Payment startPayment(LocalDate start) {
        return new Payment(PaymentType.START, terms().start(), start);
    }

    /** The FINAL line, at the close or the cap. */
    protected Payment finalPayment(LocalDate start, LocalDate closedOn) {
        return new Payment(PaymentType.FINAL, terms().finalPayment(), finalDueDate(start, closedOn));
    }

    @Override
    public LocalDate finalDueDate(LocalDate start, LocalDate closedOn) {
        return rules.finalDueDate(terms(), start, closedOn);
    }

    @Override
    public Optional<String> bonusDisqualification(LocalDate trajectoryStart, Placement job) {
        return rules.bonusDisqualification(terms(), trajectoryStart, job);
    }

    @Override
    public LocalDate bonusDueDate(Placement job) {
        return rules.bonusDueDate(terms(), job);
    }

    @Override
    public boolean bonusEarned(Placement job) {
        return rules.bonusEarned(terms(), job);
    }

    @Override
    public BigDecimal bonusAmount() {
        return terms().placementBonus();
    }

    @Override
    public Optional<BigDecimal> jobCoachingAmount(BigDecimal hours) {
        return rules.jobCoachingAmount(terms(), hours);
    }
}
