package nl.ipsexchange.benefits;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import nl.ipsexchange.funding.command.FunderPolicy;
import nl.ipsexchange.kernel.funding.FundingRules;

/** The benefits agency as a funder: what it pays and schedules, for the funding context's application aggregate. */
@Configuration(proxyBeanMethods = false)
public class BenefitsConfiguration {

    @Bean
    public FunderPolicy benefitsFunding(FundingRules rules) {
        return new BenefitsFunding(rules);
    }
}
