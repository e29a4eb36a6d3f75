package nl.ipsexchange.mha;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import nl.ipsexchange.kernel.funding.FundingRules;

/**
 * The mental health agency reads the intake maximum from the covenant, the shared kernel's file the funders and the
 * insurer read too, and its own settings or environment override it as theirs do.
 */
class CovenantConfigurationTest {

    @Test
    void theIntakeMaximumIsTheCovenants() {
        assertThat(rules(new StandardEnvironment()).intakeMaxHours()).isEqualByComparingTo("8");
    }

    @Test
    void anotherRegionsCovenantIsOtherData() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("service",
                Map.of("ips.funding.agreement.insurer.intake-max-hours", "10")));

        assertThat(rules(environment).intakeMaxHours()).isEqualByComparingTo("10");
    }

    private static FundingRules rules(StandardEnvironment environment) {
        new CovenantDefaults().postProcessEnvironment(environment, new SpringApplication());
        return new CovenantConfiguration().fundingRules(environment);
    }
}
