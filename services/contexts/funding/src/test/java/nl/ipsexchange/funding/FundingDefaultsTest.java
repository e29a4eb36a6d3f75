package nl.ipsexchange.funding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import nl.ipsexchange.kernel.funding.FundingAgreement;

/**
 * Funding's defaults bring the covenant from its one home, the shared kernel's file, below the service's own settings:
 * the service (or its environment) overrides any of it; added twice, it is there once.
 */
class FundingDefaultsTest {

    @Test
    void theCovenantComesFromTheKernelsFileBelowTheServicesOwnSettings() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("service",
                Map.of("ips.funding.agreement.insurer.intake-hourly-tariff", "99.00")));

        new FundingDefaults().postProcessEnvironment(environment, new SpringApplication());
        new FundingDefaults().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("ips.funding.agreement.insurer.intake-max-hours")).isEqualTo("8");
        assertThat(environment.getProperty("ips.funding.agreement.insurer.intake-hourly-tariff"))
                .as("the service's own").isEqualTo("99.00");
        assertThat(environment.getProperty("axon.eventhandling.processors.funding.mode")).isEqualTo("subscribing");
        assertThat(environment.getPropertySources().stream()
                .filter(source -> source.getName().startsWith(FundingAgreement.DEFAULTS))).hasSize(1);
    }
}
