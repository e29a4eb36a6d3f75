package nl.ipsexchange.benefits;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import nl.ipsexchange.funding.command.CovenantFunderPolicy;
import nl.ipsexchange.funding.command.FunderPolicy;
import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.funding.FunderTerms;
import nl.ipsexchange.kernel.funding.FundingRules;
import nl.ipsexchange.kernel.funding.PaymentType;

/**
 * The benefits agency's part of the covenant (disability benefit clients, section 4): START on the start date, FINAL
 * at the close or the cap, the placement bonus for a job paying at least the covenant's share of the minimum wage,
 * and job-coaching hours when its terms name a tariff. Amounts, periods, thresholds and tariffs are the covenant's
 * data, under the terms an approval pinned.
 */
public class BenefitsFunding extends CovenantFunderPolicy {

    public BenefitsFunding(FundingRules rules) {
        super(rules, Agency.BENEFITS);
    }

    private BenefitsFunding(FundingRules rules, FunderTerms terms) {
        super(rules, Agency.BENEFITS, terms);
    }

    @Override
    public FunderPolicy under(FunderTerms pinned) {
        return new BenefitsFunding(rules, pinned);
    }

    @Override
    public List<Payment> onApproval(LocalDate start, LocalDate closedOn) {
        return List.of(startPayment(start), finalPayment(start, closedOn));
    }

    /** A close cancels nothing of the benefits agency's schedule: it only brings the final payment forward. */
    @Override
    public Optional<String> cancelledByClosure(PaymentType type, LocalDate start, LocalDate closedOn) {
        return Optional.empty();
    }
}
