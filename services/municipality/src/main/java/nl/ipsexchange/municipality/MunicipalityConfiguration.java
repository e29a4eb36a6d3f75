package nl.ipsexchange.municipality;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import nl.ipsexchange.funding.command.FunderPolicy;
import nl.ipsexchange.kernel.funding.FundingRules;

/** The municipality as a funder: what it pays and schedules, for the funding context's application aggregate. */
@Configuration(proxyBeanMethods = false)
public class MunicipalityConfiguration {

    @Bean
    public FunderPolicy municipalityFunding(FundingRules rules) {
        return new MunicipalityFunding(rules);
    }
}
