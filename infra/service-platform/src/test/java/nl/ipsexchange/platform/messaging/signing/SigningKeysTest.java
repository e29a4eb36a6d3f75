package nl.ipsexchange.platform.messaging.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.platform.PlatformDefaults;

/**
 * What a service checks about its keys before it starts: outside the demo profile it refuses to run without its own
 * key, or with a published demo key; every refusal names the setting and never shows a key.
 */
class SigningKeysTest {

    private static final String DEMO_PRIVATE_KEY = "MC4CAQAwBQYDK2VwBCIEIGcLsvsEA+iQ9XkSST6AcrCmh3nGo14br9IxVBK9YI50";

    private final KeyPair own = TestKeys.generate();
    private final KeyPair other = TestKeys.generate();

    @Test
    void outsideTheDemoProfileAServiceWithoutItsPrivateKeyDoesNotStartAndIsToldWhichSettingIsMissing() {
        SigningProperties settings = settings("benefits-1", null, "benefits-1=BENEFITS:" + publicKey(own));

        assertThatThrownBy(() -> SigningKeys.from(settings, "BENEFITS", false))
                .hasMessageContaining("ips.signing.private-key (IPS_SIGNING_KEY) is not set");
        assertThatThrownBy(() -> SigningKeys.from(settings("", privateKey(own), "benefits-1=BENEFITS:"
                + publicKey(own)), "BENEFITS", false))
                .hasMessageContaining("ips.signing.key-id (IPS_SIGNING_KEY_ID) is not set");
    }

    @Test
    void outsideTheDemoProfileAServiceWithThePublishedDemoKeyDoesNotStartAndTheKeyIsNotShown() {
        SigningProperties demo = demoSettings("benefits-agency");

        assertThatThrownBy(() -> SigningKeys.from(demo, "BENEFITS", false))
                .hasMessageContaining("ips.signing.private-key (IPS_SIGNING_KEY) holds a value published in the source")
                .message().doesNotContain(DEMO_PRIVATE_KEY).doesNotContain("MCow");
        assertThat(SigningKeys.from(demo, "BENEFITS", true).signer().keyId()).isEqualTo("demo-benefits-agency");
    }

    @Test
    void outsideTheDemoProfileTrustingAPublishedDemoKeyIsRefusedEvenWithAKeyOfItsOwn() {
        SigningProperties settings = settings("benefits-1", privateKey(own), "benefits-1=BENEFITS:" + publicKey(own),
                "demo-mental-health-agency=MENTAL_HEALTH:MCowBQYDK2VwAyEAhTvD5rWY8TFuX0Xd6q1U0PgKIqUQY6xRUwdXSI0wyW4=");

        assertThatThrownBy(() -> SigningKeys.from(settings, "BENEFITS", false))
                .hasMessageContaining("ips.signing.public-keys (IPS_SIGNING_PUBLIC_KEYS) (demo-mental-health-agency) "
                        + "holds a value published in the source");
    }

    @Test
    void aServiceWithKeysOfItsOwnStartsAndTrustsEveryConfiguredKeyByItsId() {
        SigningKeys keys = SigningKeys.from(settings("benefits-1", privateKey(own),
                "benefits-1=BENEFITS:" + publicKey(own) + ", mha-7=MENTAL_HEALTH:" + publicKey(other)),
                "BENEFITS", false);

        assertThat(keys.signer().identity()).isEqualTo("BENEFITS");
        assertThat(keys.verifier().keys()).extracting(MessageVerifier.TrustedKey::keyId)
                .containsExactly("benefits-1", "mha-7");
    }

    @Test
    void aPrivateKeyThatIsNotTheOneItsKeyIdNamesIsRefused() {
        SigningProperties mismatched = settings("benefits-1", privateKey(other), "benefits-1=BENEFITS:"
                + publicKey(own));

        assertThatThrownBy(() -> SigningKeys.from(mismatched, "BENEFITS", false))
                .hasMessage("ips.signing.private-key (IPS_SIGNING_KEY) is not the private key of benefits-1 in "
                        + "ips.signing.public-keys (IPS_SIGNING_PUBLIC_KEYS)");
    }

    @Test
    void aKeyIdOfAnotherAgencyIsRefused() {
        SigningProperties settings = settings("mha-1", privateKey(own), "mha-1=MENTAL_HEALTH:" + publicKey(own));

        assertThatThrownBy(() -> SigningKeys.from(settings, "BENEFITS", false))
                .hasMessageContaining("names a key of MENTAL_HEALTH").hasMessageContaining("signs as BENEFITS");
    }

    @Test
    void aMalformedEntryOrKeyIsNamedByItsPlaceWithoutItsValue() {
        assertThatThrownBy(() -> SigningKeys.from(settings("b", privateKey(own), "b=BENEFITS:" + publicKey(own),
                "m=MENTAL_HEALTH:bm90LWEta2V5"), "BENEFITS", false))
                .hasMessage("ips.signing.public-keys (IPS_SIGNING_PUBLIC_KEYS) entry 2 (m) is not a base64 X.509 "
                        + "Ed25519 public key");
        assertThatThrownBy(() -> SigningKeys.from(settings("b", "bm90LWEta2V5", "b=BENEFITS:" + publicKey(own)),
                "BENEFITS", false))
                .hasMessage("ips.signing.private-key (IPS_SIGNING_KEY) is not a base64 PKCS#8 Ed25519 private key");
        assertThatThrownBy(() -> SigningKeys.from(settings("b", privateKey(own), "b=CLINIC:" + publicKey(own)),
                "BENEFITS", false)).hasMessageContaining("names CLINIC, which is neither an agency's code nor AUDIT");
    }

    @Test
    void thePlatformLoadsTheDemoKeysOnlyUnderTheDemoProfile() {
        assertThat(bound(false).getPrivateKey()).isEmpty();
        assertThat(bound(false).getPublicKeys()).isEmpty();

        SigningProperties demo = bound(true);
        assertThat(demo.getKeyId()).isEqualTo("demo-insurer");
        assertThat(SigningKeys.from(demo, "INSURER", true).verifier().keys()).hasSize(5);
        assertThat(DemoSigningKeys.signer(Agency.INSURER).keyId()).isEqualTo("demo-insurer");
    }

    /** The settings as an insurer's service binds them, with or without the demo profile. */
    private static SigningProperties bound(boolean demo) {
        StandardEnvironment environment = new StandardEnvironment();
        if (demo) {
            environment.setActiveProfiles("demo");
        }
        environment.getPropertySources().addFirst(new MapPropertySource("service",
                Map.<String, Object>of("ips.service.name", "insurer")));
        new PlatformDefaults().postProcessEnvironment(environment, new SpringApplication());
        return Binder.get(environment).bindOrCreate("ips.signing", SigningProperties.class);
    }

    private static SigningProperties demoSettings(String service) {
        MessageSigner demo = DemoSigningKeys.signer(SigningKeys.identityOf(Agency.BENEFITS));
        SigningProperties settings = new SigningProperties();
        settings.setKeyId(demo.keyId());
        settings.setPrivateKey(DEMO_PRIVATE_KEY);
        settings.setPublicKeys(DemoSigningKeys.verifier().keys().stream()
                .map(key -> key.keyId() + "=" + key.identity() + ":"
                        + Base64.getEncoder().encodeToString(key.key().getEncoded())).toList());
        assertThat(settings.getKeyId()).isEqualTo("demo-" + service);
        return settings;
    }

    private static SigningProperties settings(String keyId, String privateKey, String... publicKeys) {
        SigningProperties settings = new SigningProperties();
        settings.setKeyId(keyId);
        settings.setPrivateKey(privateKey);
        settings.setPublicKeys(List.of(publicKeys));
        return settings;
    }

    private static String privateKey(KeyPair pair) {
        return Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded());
    }

    private static String publicKey(KeyPair pair) {
        return Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
    }
}
