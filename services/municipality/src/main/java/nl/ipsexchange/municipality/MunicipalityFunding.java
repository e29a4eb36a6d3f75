package nl.ipsexchange.municipality;

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
 * The municipality's part of the covenant (social assistance clients, section 4): START on the start date,
 * THREE_MONTHS three months later unless the trajectory closed before, FINAL at the close or the cap, the placement
 * bonus for a job started within the window; no job coaching. Amounts and periods are the covenant's data.
 */
public class MunicipalityFunding implements FunderPolicy {

    private static final Agency SELF = Agency.MUNICIPALITY;

    private final FundingRules rules;

    public MunicipalityFunding(FundingRules rules) {
        this.rules = rules;
    }

    @Override
    public Agency funder() {
        return SELF;
    }

    @Override
    public List<Payment> onApproval(LocalDate start, LocalDate closedOn) {
        // the municipality always pays after three months: the covenant's rule names its date
        LocalDate threeMonths = rules.threeMonthsDate(SELF, start).orElseThrow();
        return List.of(new Payment(PaymentType.START, rules.startAmount(SELF), start),
                new Payment(PaymentType.THREE_MONTHS, rules.agreement().municipality().threeMonths(), threeMonths),
                new Payment(PaymentType.FINAL, rules.finalAmount(SELF), rules.finalDueDate(SELF, start, closedOn)));
    }

    @Override
    public Optional<String> cancelledByClosure(PaymentType type, LocalDate start, LocalDate closedOn) {
        if (type == PaymentType.THREE_MONTHS && !rules.threeMonthsDue(start, closedOn)) {
            return Optional.of("the trajectory closed on " + closedOn + ", before three months had passed");
        }
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

    /** The municipality pays no job coaching: the covenant's job-coaching tariff is the benefits agency's. */
    @Override
    public Optional<BigDecimal> jobCoachingAmount(BigDecimal hours) {
        return Optional.empty();
    }
}
