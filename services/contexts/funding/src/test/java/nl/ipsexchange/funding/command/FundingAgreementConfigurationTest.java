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

import nl.ipsexchange.funding.FundingDefaults;
import nl.ipsexchange.kernel.funding.FundingAgreement;

/**
 * The covenant that {@link FundingApplicationTest} computes with is the one configured in {@code ips-funding.yml}
 * ({@code ips.funding.agreement}), bound as the services bind it: the amounts, periods, thresholds and tariffs the
 * fixture scenarios expect are the configured ones. Only the minimum-wage table differs (the fixture's is test data
 * with round amounts).
 */
class FundingAgreementConfigurationTest {

    @Test
    void theFixturesCovenantIsTheConfiguredDefaultCovenant() throws IOException {
        List<PropertySource<?>> yaml = new YamlPropertySourceLoader().load("ips-funding",
                new ClassPathResource(FundingDefaults.FILE));
        FundingAgreement configured = new Binder(ConfigurationPropertySources.from(yaml))
                .bind("ips.funding.agreement", FundingAgreement.class).get();

        assertThat(configured).usingRecursiveComparison()
                .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                .ignoringFields("minimumWage")
                .isEqualTo(FundingApplicationTest.AGREEMENT);
        assertThat(configured.benefits().jobCoachingHourlyTariff()).isEqualByComparingTo("62.50");
        assertThat(configured.minimumWage()).isNotEmpty();
    }
}
