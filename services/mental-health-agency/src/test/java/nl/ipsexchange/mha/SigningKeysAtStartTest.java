package nl.ipsexchange.mha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import nl.ipsexchange.kernel.messaging.sealing.KeyExchange;
import nl.ipsexchange.platform.messaging.signing.MessageSigner;
import nl.ipsexchange.platform.messaging.signing.SigningKeys;

/**
 * Outside the demo profile the mental health agency starts only with a signing key of its own: without one, or with
 * the published demo key, it refuses to start and says which setting is wrong, without showing a key (ADR 31).
 */
class SigningKeysAtStartTest {

    private static final String DEMO_PRIVATE_KEY = "MC4CAQAwBQYDK2VwBCIEIMs96DFYxdHz8202AQ35+VItnycHmtxnJImjnsTVnATr";
    private static final String DEMO_PUBLIC_KEY = "MCowBQYDK2VwAyEAhTvD5rWY8TFuX0Xd6q1U0PgKIqUQY6xRUwdXSI0wyW4=";

    private final MhaOnItsOwnDatabase database = new MhaOnItsOwnDatabase("mha_signing_start");

    @Test
    void withoutTheDemoProfileAndWithoutASigningKeyTheServiceDoesNotStartAndNamesTheSetting() {
        assertThatThrownBy(() -> database.start(List.of()).close())
                .hasStackTraceContaining("ips.signing.key-id (IPS_SIGNING_KEY_ID) is not set");
    }

    @Test
    void withoutTheDemoProfileThePublishedDemoKeyIsRefusedAndNotPrinted() {
        assertThatThrownBy(() -> database.start(List.of("--ips.signing.key-id=demo-mental-health-agency",
                "--ips.signing.private-key=" + DEMO_PRIVATE_KEY,
                "--ips.signing.public-keys=demo-mental-health-agency=MENTAL_HEALTH:" + DEMO_PUBLIC_KEY)).close())
                .hasStackTraceContaining(
                        "ips.signing.private-key (IPS_SIGNING_KEY) holds a value published in the source")
                .satisfies(refusal -> assertThat(stackTrace(refusal)).doesNotContain(DEMO_PRIVATE_KEY)
                        .doesNotContain(DEMO_PUBLIC_KEY));
    }

    @Test
    void withoutTheDemoProfileAKeyOfItsOwnIsEnoughToStartAndSign() throws Exception {
        // outside the demo profile every secret must be its own: the key-encryption key (ADR 33) and the key of the
        // status pseudonyms (ADR 36) too
        try (ConfigurableApplicationContext mha = database.start(ownSecrets(randomKey()))) {
            MessageSigner signer = mha.getBean(SigningKeys.class).signer();
            assertThat(signer.keyId()).isEqualTo("mha-2026-12");
            assertThat(signer.identity()).isEqualTo("MENTAL_HEALTH");
        }
    }

    @Test
    void withoutTheDemoProfileThePublishedDemoKeyOfTheStatusPseudonymsIsRefusedAndNotPrinted() throws Exception {
        String published = "r0h8iqsIeyzA+kenUGQ3PDnxRQXgxPR/VKnlhHOKTdk="; // the demo's, in ips-platform-demo.yml

        assertThatThrownBy(() -> database.start(ownSecrets(published)).close())
                .hasStackTraceContaining(
                        "ips.status.pseudonym-key (IPS_STATUS_PSEUDONYM_KEY) holds a value published in the source")
                .satisfies(refusal -> assertThat(stackTrace(refusal)).doesNotContain(published));
    }

    /** Settings of its own for every secret, with the given key of the status pseudonyms. */
    private static List<String> ownSecrets(String pseudonymKey) throws Exception {
        KeyPair own = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        return List.of("--ips.signing.key-id=mha-2026-12", "--ips.crypto.kek=" + randomKey(),
                "--ips.status.pseudonym-key=" + pseudonymKey,
                // and the audit service's public key its access records are sealed for (ADR 37)
                "--ips.audit-sealing.public-key=audit-2026-12=" + KeyExchange.ephemeral().publicKey(),
                "--ips.signing.private-key=" + Base64.getEncoder().encodeToString(own.getPrivate().getEncoded()),
                "--ips.signing.public-keys=mha-2026-12=MENTAL_HEALTH:"
                        + Base64.getEncoder().encodeToString(own.getPublic().getEncoded()));
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static String stackTrace(Throwable failure) {
        StringWriter text = new StringWriter();
        failure.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
