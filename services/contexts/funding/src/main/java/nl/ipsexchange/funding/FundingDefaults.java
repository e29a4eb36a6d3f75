package nl.ipsexchange.funding;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

import nl.ipsexchange.kernel.funding.FundingAgreement;
import nl.ipsexchange.platform.PlatformDefaults;

/**
 * Adds {@code ips-funding.yml} (the funding processor's mode) and the covenant, the shared kernel's
 * {@value FundingAgreement#DEFAULTS} ({@code ips.funding.agreement}), as low-precedence property sources, as the
 * platform adds {@code ips-platform.yml}: each service's own file and the environment override them. Runs just before
 * the platform's, so that they lie just above the platform's defaults.
 */
public class FundingDefaults implements EnvironmentPostProcessor, Ordered {

    /** The funding module's default settings on the class path. */
    public static final String FILE = "ips-funding.yml";

    private static final String NAME = "ips-funding";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getPropertySources().contains(NAME)) {
            PlatformDefaults.addLowest(environment, NAME, FILE);
        }
        // named by its file, as wherever it is added, so that it is added once
        if (!environment.getPropertySources().contains(FundingAgreement.DEFAULTS)) {
            PlatformDefaults.addLowest(environment, FundingAgreement.DEFAULTS, FundingAgreement.DEFAULTS);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 1;
    }
}
