package nl.ipsexchange.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import nl.ipsexchange.platform.PlatformDatabase;

/**
 * Crypto-shredding on a real PostgreSQL key table: a ciphertext opens with its client's key; once that key is
 * destroyed it reads as erased, also after a new key was created for the client; a ciphertext that was altered
 * is an error, never quietly "erased".
 */
class ClientDataCipherTest {

    private final String client = UUID.randomUUID().toString();
    private ClientDataCipher cipher;
    private JdbcTemplate jdbc;

    @BeforeEach
    void freshDatabase() {
        jdbc = new JdbcTemplate(PlatformDatabase.fresh("client_data_cipher"));
        cipher = new ClientDataCipher(jdbc);
    }

    @Test
    void aCiphertextOpensWithItsClientsKeyAndHoldsNoPlaintext() {
        String sealed = cipher.encrypt(client, "sleeps badly since March");

        assertThat(sealed).startsWith("enc2:").doesNotContain("sleeps");
        assertThat(cipher.decrypt(client, sealed)).contains("sleeps badly since March");
    }

    @Test
    void onceTheKeyIsDestroyedTheDataReadsAsErased() {
        String sealed = cipher.encrypt(client, "diagnosis");

        assertThat(cipher.destroyKey(client)).isTrue();

        assertThat(cipher.decrypt(client, sealed)).isEmpty();
    }

    @Test
    void dataSealedUnderADestroyedKeyStaysErasedWhenTheClientGetsANewKey() {
        String old = cipher.encrypt(client, "before the revocation");
        cipher.destroyKey(client);
        String fresh = cipher.encrypt(client, "after a new consent");

        assertThat(cipher.decrypt(client, old)).isEmpty();
        assertThat(cipher.decrypt(client, fresh)).contains("after a new consent");
    }

    @Test
    void anAlteredCiphertextIsAnErrorNotErasure() {
        String sealed = cipher.encrypt(client, "wage 2345.67");
        int colon = sealed.lastIndexOf(':');
        byte[] bytes = Base64.getDecoder().decode(sealed.substring(colon + 1));
        bytes[bytes.length - 1] ^= 1;
        String altered = sealed.substring(0, colon + 1) + Base64.getEncoder().encodeToString(bytes);

        assertThatThrownBy(() -> cipher.decrypt(client, altered))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("altered");
    }

    @Test
    void aCiphertextFromBeforeFingerprintsStillOpens() {
        String sealed = cipher.encrypt(client, "written by an earlier version");
        String legacy = "enc1:" + sealed.substring(sealed.lastIndexOf(':') + 1);

        assertThat(cipher.decrypt(client, legacy)).contains("written by an earlier version");
    }
}
