package nl.ipsexchange.platform.crypto;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import nl.ipsexchange.platform.security.PublishedSecrets;

/** The data keys and the key that wraps them (ADR 0033). */
@Configuration(proxyBeanMethods = false)
public class CryptoConfiguration {

    /**
     * The key that wraps the data keys, from {@code ips.crypto.kek} or {@code ips.crypto.kek-file}; outside the demo
     * profile a missing or demo key refuses the start. A key management service would replace this bean.
     */
    @Bean
    @ConditionalOnMissingBean
    public KeyEncryptionKey keyEncryptionKey(@Value("${ips.crypto.kek:}") String kek,
                                             @Value("${ips.crypto.kek-file:}") String kekFile,
                                             @Value("${ips.crypto.kek-previous:}") String previous,
                                             Environment environment) {
        return LocalKeyEncryptionKey.fromSettings(kek, kekFile, PublishedSecrets.of(environment).demo())
                .replacing(LocalKeyEncryptionKey.previousFromSettings(previous));
    }

    /**
     * The data keys: those an earlier version stored unwrapped are wrapped, and those wrapped under a key a rotation
     * replaced are wrapped anew, before the service takes any work.
     */
    @Bean
    public ClientDataCipher clientDataCipher(JdbcTemplate jdbc, KeyEncryptionKey keyEncryptionKey) {
        ClientDataCipher cipher = new ClientDataCipher(jdbc, keyEncryptionKey);
        cipher.wrapUnwrappedKeys();
        cipher.rewrapKeys();
        return cipher;
    }
}
