package nl.ipsexchange.mha;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import nl.ipsexchange.kernel.funding.FundingAgreement;
import nl.ipsexchange.kernel.funding.FundingRules;

/**
 * The covenant's rules ({@code ips.funding.agreement}, {@link CovenantDefaults}), with the same versions the funders
 * have: the trajectory aggregate takes them as a parameter of its handlers, as the funders' aggregate does, for the
 * intake maximum and the version of an approval that names none; the relay judges job coaching by the version a
 * trajectory was approved under (ADR 52).
 */
@Configuration(proxyBeanMethods = false)
public class CovenantConfiguration {

    @Bean
    public FundingRules fundingRules(Environment environment) {
        FundingAgreement agreement = Binder.get(environment).bind(FundingAgreement.PROPERTIES, FundingAgreement.class)
                .orElseThrow(() -> new IllegalStateException(FundingAgreement.PROPERTIES + " is not configured"));
        return new FundingRules(agreement);
    }
}
