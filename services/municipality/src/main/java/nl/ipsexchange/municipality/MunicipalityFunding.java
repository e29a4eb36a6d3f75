package nl.ipsexchange.municipality;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import nl.ipsexchange.funding.command.CovenantFunderPolicy;
import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.funding.FundingRules;
import nl.ipsexchange.kernel.funding.PaymentType;

/**
 * The municipality's part of the covenant (social assistance clients, section 4): START on the start date,
 * THREE_MONTHS three months later unless the trajectory closed before, FINAL at the close or the cap, the placement
 * bonus for a job started within the window; no job coaching. Amounts and periods are the covenant's data.
 */
public class MunicipalityFunding extends CovenantFunderPolicy {

    private static final Agency SELF = Agency.MUNICIPALITY;

    public MunicipalityFunding(FundingRules rules) {
        super(rules, SELF);
    }

    @Override
    public List<Payment> onApproval(LocalDate start, LocalDate closedOn) {
        // the municipality always pays after three months: the covenant's rule names its date
        LocalDate threeMonths = rules.threeMonthsDate(SELF, start).orElseThrow();
        return List.of(startPayment(start),
                new Payment(PaymentType.THREE_MONTHS, rules.agreement().municipality().threeMonths(), threeMonths),
                finalPayment(start, closedOn));
    }

    @Override
    public Optional<String> cancelledByClosure(PaymentType type, LocalDate start, LocalDate closedOn) {
        if (type == PaymentType.THREE_MONTHS && !rules.threeMonthsDue(start, closedOn)) {
            return Optional.of("the trajectory closed on " + closedOn + ", before three months had passed");
        }
        return Optional.empty();
    }

    /** The municipality pays no job coaching: the covenant's job-coaching tariff is the benefits agency's. */
    @Override
    public Optional<BigDecimal> jobCoachingAmount(BigDecimal hours) {
        return Optional.empty();
    }
}
