package nl.ipsexchange.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import nl.ipsexchange.audit.query.AccessRecordChain;
import nl.ipsexchange.audit.query.CheckpointSigner;
import nl.ipsexchange.infra.embedded.ServiceDatabase;
import nl.ipsexchange.kernel.messaging.sealing.KeyExchange;
import nl.ipsexchange.platform.IpsApplication;
import nl.ipsexchange.testsupport.ApiClient;
import nl.ipsexchange.testsupport.TestInfrastructure;

/**
 * Outside the demo profile the audit service does not start with a missing or published chain key or checkpoint
 * signing key (ADR 32) or audit sealing key (ADR 37), and says which setting is wrong without its value; with keys of
 * its own it starts.
 */
class StartRefusalTest {

    /** The chain key audit.yml published as its default until ADR 32. */
    private static final String FORMER_DEFAULT_CHAIN_KEY = "local-development-chain-key-change-me";
    private static final String DEMO_SIGNING_KEY = "MC4CAQAwBQYDK2VwBCIEIHZv4/lZcK6KuOmd2KPUZIUyENIGMCvoz0ByOsO1M8ZA";
    private static final String DEMO_PUBLIC_KEY = "MCowBQYDK2VwAyEA5HzL2gFPICHdehXJT+NQ78cIBQyLcKy94vqz1IGTNM8=";
    // a pair made for this test only
    private static final String OWN_SIGNING_KEY = "MC4CAQAwBQYDK2VwBCIEINUqAwDFOdpz/KFHnuty90NK9sh0z+b+sisOf76MDfe/";
    private static final String OWN_PUBLIC_KEY = "MCowBQYDK2VwAyEAl6PQyi0su1TmQCcyD+OWDv9t0q9asfRgMShotzx3exM=";
    private static final String OWN_CHAIN_KEY = "a-chain-key-of-this-test-only-0123456789";
    /** The demo's audit sealing key, published in ips-platform-demo.yml (ADR 37). */
    private static final String DEMO_SEALING_KEY = "MC4CAQAwBQYDK2VuBCIEIEyXSeXTkq/Jjwh5VBAGkAxiH+04CqGLsYMiUDRI0/xU";

    private final TestInfrastructure infrastructure = TestInfrastructure.get();
    private final ServiceDatabase database = infrastructure.newServiceDatabase("audit_start");

    @Test
    void outsideTheDemoProfileTheFormerDefaultChainKeyIsRefusedNamingTheSettingButNotTheValue() {
        String refusal = refusal("--ips.audit.chain-key=" + FORMER_DEFAULT_CHAIN_KEY,
                "--ips.audit.checkpoint.signing-key=" + OWN_SIGNING_KEY,
                "--ips.audit.checkpoint.public-keys=" + OWN_PUBLIC_KEY);
        assertThat(refusal).contains(AccessRecordChain.CHAIN_KEY + " holds a value published in the source")
                .doesNotContain(FORMER_DEFAULT_CHAIN_KEY);
    }

    @Test
    void outsideTheDemoProfileTheDemoChainKeyIsRefused() {
        String refusal = refusal("--ips.audit.chain-key=demo-chain-key-published-in-audit-demo-yml",
                "--ips.audit.checkpoint.signing-key=" + OWN_SIGNING_KEY,
                "--ips.audit.checkpoint.public-keys=" + OWN_PUBLIC_KEY);
        assertThat(refusal).contains(AccessRecordChain.CHAIN_KEY + " holds a value published in the source")
                .doesNotContain("demo-chain-key-published");
    }

    @Test
    void outsideTheDemoProfileAMissingChainKeyIsRefused() {
        String refusal = refusal("--ips.audit.checkpoint.signing-key=" + OWN_SIGNING_KEY,
                "--ips.audit.checkpoint.public-keys=" + OWN_PUBLIC_KEY);
        assertThat(refusal).contains(AccessRecordChain.CHAIN_KEY + " is not set");
    }

    @Test
    void outsideTheDemoProfileTheDemoSigningKeyIsRefusedNamingTheSettingButNotTheValue() {
        String refusal = refusal("--ips.audit.chain-key=" + OWN_CHAIN_KEY,
                "--ips.audit.checkpoint.signing-key=" + DEMO_SIGNING_KEY,
                "--ips.audit.checkpoint.public-keys=" + DEMO_PUBLIC_KEY);
        assertThat(refusal).contains(CheckpointSigner.SIGNING_KEY + " holds a value published in the source")
                .doesNotContain(DEMO_SIGNING_KEY);
    }

    @Test
    void outsideTheDemoProfileAMissingSigningKeyIsRefused() {
        String refusal = refusal("--ips.audit.chain-key=" + OWN_CHAIN_KEY);
        assertThat(refusal).contains(CheckpointSigner.SIGNING_KEY + " is not set");
    }

    @Test
    void outsideTheDemoProfileTheDemoPublicKeyIsNotTrusted() {
        // whoever has the published demo private key could sign checkpoints with it
        String refusal = refusal("--ips.audit.chain-key=" + OWN_CHAIN_KEY,
                "--ips.audit.checkpoint.signing-key=" + OWN_SIGNING_KEY,
                "--ips.audit.checkpoint.public-keys=" + OWN_PUBLIC_KEY + "," + DEMO_PUBLIC_KEY);
        assertThat(refusal).contains(CheckpointSigner.PUBLIC_KEYS + " holds a value published in the source");
    }

    @Test
    void aSigningKeyWhosePublicKeyIsNotTheFirstTrustedOneIsRefused() throws Exception {
        String other = Base64.getEncoder().encodeToString(
                KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded());
        String refusal = refusal("--ips.audit.chain-key=" + OWN_CHAIN_KEY,
                "--ips.audit.checkpoint.signing-key=" + OWN_SIGNING_KEY,
                "--ips.audit.checkpoint.public-keys=" + other + "," + OWN_PUBLIC_KEY);
        assertThat(refusal).contains("the first of " + CheckpointSigner.PUBLIC_KEYS + " is not the public key of "
                + CheckpointSigner.SIGNING_KEY).doesNotContain(OWN_SIGNING_KEY);
    }

    @Test
    void outsideTheDemoProfileTheDemoAuditSealingKeyIsRefusedNamingTheSettingButNotTheValue() {
        String refusal = refusal("--ips.audit.chain-key=" + OWN_CHAIN_KEY,
                "--ips.audit.checkpoint.signing-key=" + OWN_SIGNING_KEY,
                "--ips.audit.checkpoint.public-keys=" + OWN_PUBLIC_KEY,
                "--ips.audit-sealing.private-keys=demo-audit-records=" + DEMO_SEALING_KEY);
        assertThat(refusal).contains("IPS_AUDIT_SEALING_PRIVATE_KEYS_FILE) (demo-audit-records) holds a value "
                + "published in the source").doesNotContain(DEMO_SEALING_KEY);
    }

    @Test
    void outsideTheDemoProfileAMissingAuditSealingKeyIsRefused() {
        String refusal = refusal("--ips.audit.chain-key=" + OWN_CHAIN_KEY,
                "--ips.audit.checkpoint.signing-key=" + OWN_SIGNING_KEY,
                "--ips.audit.checkpoint.public-keys=" + OWN_PUBLIC_KEY);
        assertThat(refusal).contains("IPS_AUDIT_SEALING_PRIVATE_KEYS_FILE) is not set");
    }

    @Test
    void outsideTheDemoProfileKeysOfItsOwnStartTheServiceAndItVerifiesItsTrail() {
        try (ConfigurableApplicationContext audit = start("--ips.audit.chain-key=" + OWN_CHAIN_KEY,
                "--ips.audit.checkpoint.signing-key=" + OWN_SIGNING_KEY,
                "--ips.audit.checkpoint.public-keys=" + OWN_PUBLIC_KEY,
                "--ips.audit-sealing.private-keys=audit-start-test=" + KeyExchange.ephemeral().privateKey())) {
            int port = ((WebServerApplicationContext) audit).getWebServer().getPort();
            assertThat(ApiClient.as("http://localhost:" + port, "audit.auditor")
                    .get("/api/access-records/verification").status())
                    .as("no demo users outside the demo profile").isEqualTo(401);
        }
    }

    /** The messages of the start's failure, its causes' included. */
    private String refusal(String... keys) {
        Throwable failure = catchThrowable(() -> start(keys).close());
        assertThat(failure).as("the start is refused").isNotNull();
        List<String> messages = new ArrayList<>();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            messages.add(String.valueOf(cause.getMessage()));
        }
        return String.join("\n", messages);
    }

    /**
     * Starts the service outside the demo profile with the audit keys given and every other secret a key of its own
     * (database roles, Kafka login, key-encryption key, envelope signing key): only the audit keys are under test.
     */
    private ConfigurableApplicationContext start(String... keys) {
        KeyPair signing = ed25519();
        byte[] kek = new byte[32];
        new SecureRandom().nextBytes(kek);
        Base64.Encoder base64 = Base64.getEncoder();
        List<String> arguments = new ArrayList<>(List.of("--server.port=0",
                "--server.tomcat.basedir=" + infrastructure.webServerDirectory(database.name()),
                "--spring.datasource.url=" + infrastructure.jdbcUrl(database),
                "--spring.datasource.username=" + database.runtime().user(),
                "--spring.datasource.password=" + database.runtime().password(),
                "--spring.flyway.user=" + database.owner().user(),
                "--spring.flyway.password=" + database.owner().password(),
                "--spring.kafka.consumer.group-id=" + AuditApplication.SERVICE_NAME + "-" + database.name(),
                "--spring.datasource.hikari.maximum-pool-size=2",
                "--ips.crypto.kek=" + base64.encodeToString(kek),
                "--ips.signing.key-id=audit-start-test",
                "--ips.signing.private-key=" + base64.encodeToString(signing.getPrivate().getEncoded()),
                "--ips.signing.public-keys=audit-start-test=AUDIT:"
                        + base64.encodeToString(signing.getPublic().getEncoded()),
                "--ips.audit.verification.every=0s"));
        arguments.addAll(infrastructure.kafkaLogin(AuditApplication.SERVICE_NAME).serviceArguments());
        arguments.addAll(List.of(keys));
        return IpsApplication.builder(AuditApplication.class, AuditApplication.SERVICE_NAME)
                .registerShutdownHook(false).run(arguments.toArray(String[]::new));
    }

    private static KeyPair ed25519() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
