package nl.ipsexchange.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nl.ipsexchange.kernel.messaging.sealing.KeyExchange;

/**
 * The audit key's settings (ADR 37): an agency needs the audit service's public key, the audit service its private
 * keys; outside the demo profile a missing or published key refuses the start, naming the setting and not the key.
 */
class AuditSealingKeysTest {

    private static final String DEMO_PUBLIC = "MCowBQYDK2VuAyEABss9AlPOKVyZFUziU2DqOOvwm7eTjHbCeix9kn79pXI=";
    private static final String DEMO_PRIVATE = "MC4CAQAwBQYDK2VuBCIEIEyXSeXTkq/Jjwh5VBAGkAxiH+04CqGLsYMiUDRI0/xU";

    private final KeyExchange.Ephemeral own = KeyExchange.ephemeral();

    private static AuditSealingProperties settings(String publicKey, String... privateKeys) {
        AuditSealingProperties settings = new AuditSealingProperties();
        settings.setPublicKey(publicKey);
        settings.setPrivateKeys(List.of(privateKeys));
        return settings;
    }

    @Test
    void outsideTheDemoProfileAnAgencyWithoutTheAuditPublicKeyDoesNotStartAndIsToldWhichSetting() {
        assertThatThrownBy(() -> AuditSealingKeys.from(settings(null), true, false, false))
                .hasMessageContaining("IPS_AUDIT_SEALING_PUBLIC_KEY) is not set");
    }

    @Test
    void outsideTheDemoProfileAnAgencySealingForThePublishedDemoKeyDoesNotStartAndTheKeyIsNotShown() {
        assertThatThrownBy(() -> AuditSealingKeys.from(settings("demo-audit-records=" + DEMO_PUBLIC), true, false,
                false)).hasMessageContaining("IPS_AUDIT_SEALING_PUBLIC_KEY) holds a value published in the source")
                .hasMessageNotContaining(DEMO_PUBLIC);
    }

    @Test
    void outsideTheDemoProfileTheAuditServiceWithoutAPrivateKeyDoesNotStart() {
        assertThatThrownBy(() -> AuditSealingKeys.from(settings(null), false, true, false))
                .hasMessageContaining("IPS_AUDIT_SEALING_PRIVATE_KEYS or IPS_AUDIT_SEALING_PRIVATE_KEYS_FILE) is not "
                        + "set");
    }

    @Test
    void outsideTheDemoProfileTheAuditServiceHoldingThePublishedDemoPrivateKeyDoesNotStartEvenBesideItsOwn() {
        assertThatThrownBy(() -> AuditSealingKeys.from(settings(null, "audit-2026-12=" + own.privateKey(),
                "demo-audit-records=" + DEMO_PRIVATE), false, true, false))
                .hasMessageContaining("(demo-audit-records) holds a value published in the source")
                .hasMessageNotContaining(DEMO_PRIVATE);
    }

    @Test
    void underTheDemoProfileThePublishedKeysAreAcceptedAndOpenWhatIsSealedForThem() {
        AuditSealingKeys keys = AuditSealingKeys.from(settings("demo-audit-records=" + DEMO_PUBLIC,
                "demo-audit-records=" + DEMO_PRIVATE), true, true, true);

        assertThat(keys.sealingKey()).isPresent();
        assertThat(keys.privateKey("demo-audit-records")).contains(DEMO_PRIVATE);
        assertThat(AuditSealingKeys.demo().privateKey("demo-audit-records")).contains(DEMO_PRIVATE);
    }

    @Test
    void aPublicKeyThatIsNotTheHalfOfThePrivateKeyOfItsIdIsRefusedWhereBothAreHeld() {
        assertThatThrownBy(() -> AuditSealingKeys.from(settings("audit-2026-12=" + own.publicKey(),
                "audit-2026-12=" + KeyExchange.ephemeral().privateKey()), false, true, false))
                .hasMessageContaining("is not the private half of");
    }

    @Test
    void theAuditServiceReadsItsCurrentAndOlderPrivateKeysFromAFile(@TempDir Path directory) throws Exception {
        KeyExchange.Ephemeral older = KeyExchange.ephemeral();
        Path file = Files.writeString(directory.resolve("audit-keys"), "# newest first\naudit-2026-12="
                + own.privateKey() + "\naudit-2026-06=" + older.privateKey() + "\n");
        AuditSealingProperties settings = settings(null);
        settings.setPrivateKeysFile(file.toString());

        AuditSealingKeys keys = AuditSealingKeys.from(settings, false, true, false);

        assertThat(keys.privateKey("audit-2026-12")).contains(own.privateKey());
        assertThat(keys.privateKey("audit-2026-06")).contains(older.privateKey());
    }

    @Test
    void aKeyThatIsNotAnX25519KeyIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> AuditSealingKeys.from(settings("audit-2026-12=bm90IGEga2V5"), true, false, false))
                .hasMessageContaining("IPS_AUDIT_SEALING_PUBLIC_KEY) (audit-2026-12) is not a base64 X.509 X25519");
    }
}
