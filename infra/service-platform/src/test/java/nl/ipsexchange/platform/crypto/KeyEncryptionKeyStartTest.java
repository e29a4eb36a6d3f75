package nl.ipsexchange.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

import nl.ipsexchange.platform.PlatformDatabase;

/**
 * A service's start and its key-encryption key (ADR 0033): outside the demo profile a missing key or the published
 * demo key refuses the start with a message that names the setting and never the value; a key of its own, from the
 * environment or a file, starts it; the demo profile alone starts without one.
 */
class KeyEncryptionKeyStartTest {

    private static final String DEMO_KEY = LocalKeyEncryptionKey.DEMO_KEY;

    private static final DataSource DATABASE = PlatformDatabase.fresh("key_encryption_key_start");

    private final ApplicationContextRunner service = new ApplicationContextRunner()
            .withUserConfiguration(CryptoConfiguration.class)
            .withBean(JdbcTemplate.class, () -> new JdbcTemplate(DATABASE));

    @Test
    void withoutAKeyOutsideTheDemoProfileTheServiceRefusesToStartNamingTheSetting() {
        service.run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("IPS_KEK")
                    .hasMessageContaining("IPS_KEK_FILE");
        });
    }

    @Test
    void withTheDemoKeyOutsideTheDemoProfileTheServiceRefusesToStartWithoutShowingIt() {
        service.withPropertyValues("ips.crypto.kek=" + DEMO_KEY).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("published in the source")
                    .hasMessageContaining("IPS_KEK").hasMessageNotContaining(DEMO_KEY);
        });
    }

    @Test
    void theDemoKeyInAFileIsRefusedAsWellOutsideTheDemoProfile(@TempDir Path directory) throws Exception {
        Path file = Files.writeString(directory.resolve("kek"), DEMO_KEY + "\n");
        service.withPropertyValues("ips.crypto.kek-file=" + file).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("published in the source");
        });
    }

    @Test
    void aKeyOfItsOwnFromTheEnvironmentStartsTheService() {
        String key = Base64.getEncoder().encodeToString(new byte[32]).replace('A', 'B');
        service.withPropertyValues("ips.crypto.kek=" + key).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(ClientDataCipher.class);
        });
    }

    @Test
    void aKeyOfItsOwnFromAFileStartsTheService(@TempDir Path directory) {
        Path file = LocalKeyEncryptionKey.createFile(directory.resolve("service.kek"));
        service.withPropertyValues("ips.crypto.kek-file=" + file).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(KeyEncryptionKey.class);
        });
    }

    @Test
    void aKeyThatIsNot256BitsIsRefusedNamingTheSettingNotTheValue() {
        String shortKey = Base64.getEncoder().encodeToString("sixteen byte key".getBytes());
        service.withPropertyValues("ips.crypto.kek=" + shortKey).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("IPS_KEK")
                    .hasMessageContaining("32 bytes").hasMessageNotContaining(shortKey);
        });
    }

    @Test
    void theDemoProfileStartsWithTheDemoKeyWhenNoneIsSet() {
        service.withPropertyValues("spring.profiles.active=demo").run(context -> {
            assertThat(context).hasNotFailed();
            byte[] wrapped = context.getBean(KeyEncryptionKey.class).wrap(new byte[32], "client/HEALTH_SUMMARY");
            assertThat(LocalKeyEncryptionKey.fromSettings(DEMO_KEY, null, true)
                    .unwrap(wrapped, "client/HEALTH_SUMMARY")).isEqualTo(new byte[32]);
        });
    }

    @Test
    void aStartWithANewKeyAndThePreviousOneWrapsEveryDataKeyAnewSoTheNewKeyAloneOpensThem() {
        String previous = Base64.getEncoder().encodeToString(new byte[32]).replace('A', 'C');
        String next = Base64.getEncoder().encodeToString(new byte[32]).replace('A', 'D');
        String client = UUID.randomUUID().toString();
        String[] sealed = new String[1];
        // a database of its own: the others start with other keys, which a start now refuses to mix
        DataSource database = PlatformDatabase.fresh("key_encryption_key_rotation");
        ApplicationContextRunner service = new ApplicationContextRunner()
                .withUserConfiguration(CryptoConfiguration.class)
                .withBean(JdbcTemplate.class, () -> new JdbcTemplate(database));
        service.withPropertyValues("ips.crypto.kek=" + previous).run(context ->
                sealed[0] = context.getBean(ClientDataCipher.class).encrypt(client, "before the rotation"));

        service.withPropertyValues("ips.crypto.kek=" + next, "ips.crypto.kek-previous=" + previous).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(ClientDataCipher.class).decrypt(client, sealed[0]))
                    .contains("before the rotation");
        });
        service.withPropertyValues("ips.crypto.kek=" + next).run(context -> {
            assertThat(context).as("the new key alone").hasNotFailed();
            assertThat(context.getBean(ClientDataCipher.class).decrypt(client, sealed[0]))
                    .as("wrapped anew at the start before").contains("before the rotation");
        });
        service.withPropertyValues("ips.crypto.kek=" + previous).run(context -> {
            assertThat(context).as("the replaced key alone").hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("IPS_KEK_PREVIOUS")
                    .hasMessageNotContaining(previous).hasMessageNotContaining(next);
        });
    }
}
