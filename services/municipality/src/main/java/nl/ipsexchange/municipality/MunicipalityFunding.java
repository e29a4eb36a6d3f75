package nl.ipsexchange.municipality;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import nl.ipsexchange.funding.command.CovenantFunderPolicy;
import nl.ipsexchange.funding.command.FunderPolicy;
import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.funding.FunderTerms;
import nl.ipsexchange.kernel.funding.FundingRules;
import nl.ipsexchange.kernel.funding.PaymentType;

/**
 * The municipality's part of the covenant (social assistance clients, section 4): START on the start date,
 * THREE_MONTHS three months later unless the trajectory closed before, FINAL at the close or the cap, the placement
 * bonus for a job started within the window, job coaching when its terms name a tariff. Amounts, periods and
 * tariffs are the covenant's data, under the terms an approval pinned.
 */
public class MunicipalityFunding extends CovenantFunderPolicy {

    private static final Agency SELF = Agency.MUNICIPALITY;

    public MunicipalityFunding(FundingRules rules) {
        super(rules, SELF);
    }

    private MunicipalityFunding(FundingRules rules, FunderTerms terms) {
        super(rules, SELF, terms);
    }

    @Override
    public FunderPolicy under(FunderTerms pinned) {
        return new MunicipalityFunding(rules, pinned);
    }

    @Override
    public List<Payment> onApproval(LocalDate start, LocalDate closedOn) {
        List<Payment> lines = new ArrayList<>();
        lines.add(startPayment(start));
        rules.threeMonthsDate(terms(), start).ifPresent(threeMonths ->
                lines.add(new Payment(PaymentType.THREE_MONTHS, terms().threeMonths(), threeMonths)));
        lines.add(finalPayment(start, closedOn));
        return List.copyOf(lines);
    }

    @Override
    public Optional<String> cancelledByClosure(PaymentType type, LocalDate start, LocalDate closedOn) {
        if (type == PaymentType.THREE_MONTHS && !rules.threeMonthsDue(start, closedOn)) {
            return Optional.of("the trajectory closed on " + closedOn + ", before three months had passed");
        }
        return Optional.empty();
    }
}
