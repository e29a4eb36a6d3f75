package nl.ipsexchange.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class PublishedSecretsTest {

    @Test
    void outsideTheDemoProfileAPublishedValueIsRefusedNamingTheSettingAndTheRemedy() {
        assertThatThrownBy(() -> new PublishedSecrets(false).refuse("ips.example.key (IPS_EXAMPLE_KEY)", true,
                "set a key of your own"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("ips.example.key (IPS_EXAMPLE_KEY) holds a value published in the source, allowed only "
                        + "under the demo profile: set a key of your own");
    }

    @Test
    void underTheDemoProfileAPublishedValueIsAccepted() {
        assertThatCode(() -> new PublishedSecrets(true).refuse("ips.example.key", true, "set a key of your own"))
                .doesNotThrowAnyException();
    }

    @Test
    void aValueOfItsOwnIsAcceptedOutsideTheDemoProfile() {
        assertThatCode(() -> new PublishedSecrets(false).refuse("ips.example.key", false, "set a key of your own"))
                .doesNotThrowAnyException();
    }

    @Test
    void theDemoProfileIsReadFromTheEnvironment() {
        assertThat(PublishedSecrets.of(new MockEnvironment()).demo()).isFalse();
        MockEnvironment demo = new MockEnvironment();
        demo.setActiveProfiles(SecurityConfiguration.DEMO_PROFILE);
        assertThat(PublishedSecrets.of(demo).demo()).isTrue();
    }
}
