package nl.ipsexchange.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import nl.ipsexchange.platform.PlatformDefaults;

/**
 * The pseudonyms of the status events (ADR 36): a keyed hash of the id that is the same every time under one key,
 * differs under another agency's key, is not the id, and outside the demo profile needs a key of the service's own.
 */
class StatusPseudonymsTest {

    private static final String KEY = Base64.getEncoder().encodeToString("a key of this agency's own, 32 b".getBytes());
    private static final String OTHER_KEY = Base64.getEncoder().encodeToString("another agency's key of 32 bytes"
            .getBytes());

    @Test
    void theSameIdUnderTheSameKeyGivesTheSamePseudonymEveryTime() {
        String trajectory = UUID.randomUUID().toString();

        assertThat(StatusPseudonyms.fromKey(KEY, false).trajectory(trajectory))
                .isEqualTo(StatusPseudonyms.fromKey(KEY, false).trajectory(trajectory));
    }

    @Test
    void anotherAgencysKeyGivesAnotherPseudonymOfTheSameId() {
        String trajectory = UUID.randomUUID().toString();

        assertThat(StatusPseudonyms.fromKey(KEY, false).trajectory(trajectory))
                .isNotEqualTo(StatusPseudonyms.fromKey(OTHER_KEY, false).trajectory(trajectory));
    }

    @Test
    void aPseudonymIsNotTheIdNorHoldsItAndAClientsDiffersFromATrajectorysOfTheSameText() {
        StatusPseudonyms pseudonyms = StatusPseudonyms.fromKey(KEY, false);
        String id = UUID.randomUUID().toString();

        assertThat(pseudonyms.trajectory(id)).doesNotContain(id).hasSize(22).matches("[A-Za-z0-9_-]{22}");
        assertThat(pseudonyms.client(id)).doesNotContain(id).isNotEqualTo(pseudonyms.trajectory(id));
        assertThat(pseudonyms.trajectory(id)).isNotEqualTo(pseudonyms.trajectory(UUID.randomUUID().toString()));
    }

    @Test
    void outsideTheDemoProfileAMissingShortOrPublishedKeyRefusesTheStartNamingTheSettingNeverTheValue() {
        String published = "4NeWIFFGy7fsXycvSFTpt8iH77xeGNsmTh7+sMj0DLA="; // the demo municipality's
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);

        assertThatThrownBy(() -> StatusPseudonyms.fromSettings(environment(Map.of()))).hasMessageContaining(
                "ips.status.pseudonym-key (IPS_STATUS_PSEUDONYM_KEY) is not set");
        assertThatThrownBy(() -> StatusPseudonyms.fromSettings(environment(Map.of("ips.status.pseudonym-key",
                published)))).hasMessageContaining("IPS_STATUS_PSEUDONYM_KEY) holds a value published in the source")
                .hasMessageNotContaining(published);
        assertThatThrownBy(() -> StatusPseudonyms.fromKey(shortKey, false)).hasMessageContaining("at least 32 bytes");
        assertThatThrownBy(() -> StatusPseudonyms.fromKey("not base64!", false)).hasMessageContaining("not base64")
                .hasMessageNotContaining("not base64!");
        assertThat(StatusPseudonyms.fromSettings(environment(Map.of("ips.status.pseudonym-key", KEY))).client("c"))
                .isEqualTo(StatusPseudonyms.fromKey(KEY, false).client("c"));
    }

    @Test
    void theDemoProfileGivesEachSenderItsOwnPublishedKeyAndAnyOtherServiceAKeyOfItsOwn() {
        StatusPseudonyms mha = StatusPseudonyms.fromSettings(demo("mental-health-agency"));
        StatusPseudonyms municipality = StatusPseudonyms.fromSettings(demo("municipality"));
        StatusPseudonyms other = StatusPseudonyms.fromSettings(demo("web-test"));

        assertThat(mha.trajectory("t-1")).isEqualTo(StatusPseudonyms.demo("mental-health-agency").trajectory("t-1"))
                .isNotEqualTo(municipality.trajectory("t-1")).isNotEqualTo(other.trajectory("t-1"));
        assertThat(municipality.trajectory("t-1")).isEqualTo(StatusPseudonyms.demo("municipality").trajectory("t-1"));
    }

    private static StandardEnvironment environment(Map<String, Object> settings) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", settings));
        new PlatformDefaults().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }

    private static StandardEnvironment demo(String service) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.setActiveProfiles("demo");
        environment.getPropertySources().addFirst(new MapPropertySource("test", Map.of("ips.service.name", service)));
        new PlatformDefaults().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }
}
