package nl.ipsexchange.funding.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.funding.FundingAgreement;

/**
 * The covenant that the funding application's tests compute with ({@link FundingFixtures}, also the funders' tests of
 * their policies) is the one configured in the shared kernel's {@code ips-funding-agreement.yml}
 * ({@code ips.funding.agreement}), bound as the services bind it: the amounts, periods, thresholds and tariffs the
 * fixture scenarios expect are the configured ones. Only the minimum-wage table differs (the fixture's is test data
 * with round amounts). Versions that follow the first are settings in front of that file (ADR 52).
 */
class FundingAgreementConfigurationTest {

    @Test
    void theFixturesCovenantIsTheConfiguredDefaultCovenant() throws IOException {
        FundingAgreement configured = bind(Map.of());

        assertThat(configured).usingRecursiveComparison()
                .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                .ignoringFields("minimumWage")
                .isEqualTo(FundingFixtures.AGREEMENT);
        assertThat(configured.benefits().jobCoachingHourlyTariff()).isEqualByComparingTo("62.50");
        assertThat(configured.minimumWage()).isNotEmpty();
        assertThat(configured.versions()).extracting(FundingAgreement.Version::version).containsExactly("2025.1");
    }

    /** The single-version settings of before, overridden in front of the default file, still bind as they did. */
    @Test
    void singleVersionSettingsBindAsTheOneVersionTheyName() throws IOException {
        FundingAgreement configured = bind(Map.of("ips.funding.agreement.version", "2027.1",
                "ips.funding.agreement.effective-from", "2027-01-01",
                "ips.funding.agreement.municipality.start", "1000"));

        assertThat(configured.versions()).extracting(FundingAgreement.Version::version).containsExactly("2027.1");
        assertThat(configured.first().termsOf(Agency.MUNICIPALITY).start()).isEqualByComparingTo("1000");
        assertThat(configured.first().termsOf(Agency.MUNICIPALITY).finalPayment()).isEqualByComparingTo("900");
    }

    @Test
    void laterVersionsFollowTheFirstEachInForceFromItsOwnDay() throws IOException {
        FundingAgreement configured = bind(laterVersion(0, "2027.1", "2027-01-01", "55.00"));

        assertThat(configured.versions()).extracting(version -> version.version() + " from " + version.effectiveFrom())
                .containsExactly("2025.1 from 2025-01-01", "2027.1 from 2027-01-01");
        FundingAgreement.Version next = configured.versions().get(1);
        assertThat(next.termsOf(Agency.MUNICIPALITY).start()).isEqualByComparingTo("950");
        assertThat(next.termsOf(Agency.MUNICIPALITY).jobCoachingHourlyTariff()).isEqualByComparingTo("55.00");
        assertThat(next.termsOf(Agency.BENEFITS).paysJobCoaching()).isFalse();
    }

    @Test
    void aLaterVersionOnOrBeforeTheOneBeforeItIsRefusedNamingIt() {
        Map<String, Object> settings = new LinkedHashMap<>(laterVersion(0, "2027.1", "2027-01-01", null));
        settings.putAll(laterVersion(1, "2026.1", "2026-01-01", null));

        assertThatThrownBy(() -> bind(settings)).isInstanceOf(BindException.class).rootCause()
                .hasMessage("ips.funding.agreement.later-versions[1].effective-from: 2026-01-01 must be after "
                        + "2027-01-01, the day the version before it is in force from");
    }

    @Test
    void aLaterVersionWithoutAnAmountIsRefusedNamingIt() {
        Map<String, Object> settings = new LinkedHashMap<>(laterVersion(0, "2027.1", "2027-01-01", null));
        settings.remove("ips.funding.agreement.later-versions[0].benefits.final-payment");

        assertThatThrownBy(() -> bind(settings)).isInstanceOf(BindException.class)
                .hasMessageContaining("ips.funding.agreement.later-versions[0]")
                .rootCause().hasMessage("benefits.final-payment: is required");
    }

    /** A complete version at {@code index} of the later versions; the municipality pays coaching at the tariff. */
    static Map<String, Object> laterVersion(int index, String name, String from, String municipalityTariff) {
        String prefix = "ips.funding.agreement.later-versions[" + index + "].";
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put(prefix + "version", name);
        settings.put(prefix + "effective-from", from);
        List<String> municipality = new ArrayList<>(List.of("start=950", "three-months=950", "final-payment=950",
                "final-after-months=18", "placement-bonus=1900", "bonus-window-months=9",
                "bonus-min-hours-per-week=12", "bonus-min-job-months=1"));
        if (municipalityTariff != null) {
            municipality.add("job-coaching-hourly-tariff=" + municipalityTariff);
        }
        municipality.forEach(setting -> settings.put(prefix + "municipality." + setting.split("=")[0],
                setting.split("=")[1]));
        for (String setting : List.of("start=2500", "final-payment=2500", "final-after-months=36",
                "placement-bonus=1250", "bonus-min-hours-per-week=12", "bonus-min-wage-percent=35",
                "bonus-min-job-months=2")) {
            settings.put(prefix + "benefits." + setting.split("=")[0], setting.split("=")[1]);
        }
        return settings;
    }

    /** The default file with these settings in front of it, bound as the services bind it. */
    private static FundingAgreement bind(Map<String, Object> settings) throws IOException {
        List<PropertySource<?>> sources = new ArrayList<>();
        sources.add(new MapPropertySource("service", settings));
        sources.addAll(new YamlPropertySourceLoader().load(FundingAgreement.DEFAULTS,
                new ClassPathResource(FundingAgreement.DEFAULTS)));
        return new Binder(ConfigurationPropertySources.from(sources))
                .bind(FundingAgreement.PROPERTIES, FundingAgreement.class).get();
    }
}
