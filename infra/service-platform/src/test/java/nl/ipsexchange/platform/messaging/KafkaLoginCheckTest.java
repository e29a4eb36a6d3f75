package nl.ipsexchange.platform.messaging;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import nl.ipsexchange.kernel.KafkaAccess;

class KafkaLoginCheckTest {

    private static MockEnvironment environment(String password, String... profiles) {
        MockEnvironment environment = new MockEnvironment().withProperty("ips.kafka.user", "benefits-agency");
        if (password != null) {
            environment.setProperty("ips.kafka.password", password);
        }
        environment.setActiveProfiles(profiles);
        return environment;
    }

    @Test
    void aServiceWithoutAKafkaPasswordDoesNotStartAndIsToldWhichSettingIsMissing() {
        assertThatThrownBy(() -> KafkaLoginCheck.check(environment(null)))
                .hasMessageContaining("ips.kafka.password (IPS_KAFKA_PASSWORD) is not set");
    }

    @Test
    void outsideTheDemoProfileAPublishedDemoPasswordIsRefusedWithoutBeingRepeated() {
        String published = KafkaAccess.demoPassword("benefits-agency");

        assertThatThrownBy(() -> KafkaLoginCheck.check(environment(published)))
                .hasMessageContaining("ips.kafka.password (IPS_KAFKA_PASSWORD) holds a value published in the source")
                .message().doesNotContain(published);
    }

    @Test
    void theDemoProfileMayUseThePublishedDemoPasswords() {
        assertThatCode(() -> KafkaLoginCheck.check(environment(KafkaAccess.demoPassword("benefits-agency"), "demo")))
                .doesNotThrowAnyException();
    }

    @Test
    void aPasswordOfItsOwnIsAcceptedOutsideTheDemoProfile() {
        assertThatCode(() -> KafkaLoginCheck.check(environment("9f1c2e7a4b8d4c3e")))
                .doesNotThrowAnyException();
    }

    @Test
    void aPasswordWithAQuoteIsRefusedBecauseTheLoginLineCouldNotCarryIt() {
        assertThatThrownBy(() -> KafkaLoginCheck.check(environment("abc\"def")))
                .hasMessageContaining("holds a quote or a backslash")
                .message().doesNotContain("abc");
    }
}
