package nl.ipsexchange.mha;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

import nl.ipsexchange.kernel.funding.FundingAgreement;
import nl.ipsexchange.platform.PlatformDefaults;

/**
 * Adds the covenant, the shared kernel's {@value FundingAgreement#DEFAULTS} ({@code ips.funding.agreement}), below
 * this service's own file and the environment, as the funders add it: the trajectory refuses intake hours beyond the
 * covenant's maximum when they are recorded, from the same data the insurer bills by.
 */
public class CovenantDefaults implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        // named by its file, as wherever it is added, so that it is added once
        if (!environment.getPropertySources().contains(FundingAgreement.DEFAULTS)) {
            PlatformDefaults.addLowest(environment, FundingAgreement.DEFAULTS, FundingAgreement.DEFAULTS);
        }
    }

    @Override
    public int getOrder() {
        // before the platform's, so that the covenant lies above the platform's defaults, as funding's does
        return Ordered.LOWEST_PRECEDENCE - 1;
    }
}
