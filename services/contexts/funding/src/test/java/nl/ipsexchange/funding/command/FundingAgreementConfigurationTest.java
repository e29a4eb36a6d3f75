package nl.ipsexchange.funding.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

import nl.ipsexchange.kernel.funding.FundingAgreement;

/**
 * The covenant that the funding application's tests compute with ({@link FundingFixtures}, also the funders' tests of
 * their policies) is the one configured in the shared kernel's {@code ips-funding-agreement.yml}
 * ({@code ips.funding.agreement}), bound as the services bind it: the amounts, periods, thresholds and tariffs the
 * fixture scenarios expect are the configured ones. Only the minimum-wage table differs (the fixture's is test data
 * with round amounts).
 */
class FundingAgreementConfigurationTest {

    @Test
    void theFixturesCovenantIsTheConfiguredDefaultCovenant() throws IOException {
        List<PropertySource<?>> yaml = new YamlPropertySourceLoader().load(FundingAgreement.DEFAULTS,
                new ClassPathResource(FundingAgreement.DEFAULTS));
        FundingAgreement configured = new Binder(ConfigurationPropertySources.from(yaml))
                .bind(FundingAgreement.PROPERTIES, FundingAgreement.class).get();

        assertThat(configured).usingRecursiveComparison()
                .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                .ignoringFields("minimumWage")
                .isEqualTo(FundingFixtures.AGREEMENT);
        assertThat(configured.benefits().jobCoachingHourlyTariff()).isEqualByComparingTo("62.50");
        assertThat(configured.minimumWage()).isNotEmpty();
    }
}
