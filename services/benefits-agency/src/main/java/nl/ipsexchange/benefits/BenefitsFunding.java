package nl.ipsexchange.benefits;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import nl.ipsexchange.funding.command.FunderPolicy;
import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.funding.FundingRules;
import nl.ipsexchange.kernel.funding.PaymentType;
import nl.ipsexchange.kernel.funding.Placement;

/**
 * The benefits agency's part of the covenant (disability benefit clients, section 4): START on the start date, FINAL
 * at the close or the cap, the placement bonus for a job paying at least the covenant's share of the minimum wage,
 * and job-coaching hours at the covenant's tariff. Amounts, periods and thresholds are the covenant's data.
 */
public class BenefitsFunding implements FunderPolicy {

    private static final Agency SELF = Agency.BENEFITS;

    private final FundingRules rules;

    public BenefitsFunding(FundingRules rules) {
        this.rules = rules;
    }

    @Override
    public Agency funder() {
        return SELF;
    }

    @Override
    public List<Payment> onApproval(LocalDate start, LocalDate closedOn) {
        return List.of(new Payment(PaymentType.START, rules.startAmount(SELF), start),
                new Payment(PaymentType.FINAL, rules.finalAmount(SELF), rules.finalDueDate(SELF, start, closedOn)));
    }

    /** A close cancels nothing of the benefits agency's schedule: it only brings the final payment forward. */
    @Override
    public Optional<String> cancelledByClosure(PaymentType type, LocalDate start, LocalDate closedOn) {
        return Optional.empty();
    }

    @Override
    public LocalDate finalDueDate(LocalDate start, LocalDate closedOn) {
        return rules.finalDueDate(SELF, start, closedOn);
    }

    @Override
    public Optional<String> bonusDisqualification(LocalDate trajectoryStart, Placement job) {
        return rules.bonusDisqualification(SELF, trajectoryStart, job);
    }

    @Override
    public LocalDate bonusDueDate(Placement job) {
        return rules.bonusDueDate(SELF, job);
    }

    @Override
    public boolean bonusEarned(Placement job) {
        return rules.bonusEarned(SELF, job);
    }

    @Override
    public BigDecimal bonusAmount() {
        return rules.bonusAmount(SELF);
    }

    @Override
    public Optional<BigDecimal> jobCoachingAmount(BigDecimal hours) {
        return Optional.of(rules.jobCoachingAmount(hours));
    }
}
