package nl.ipsexchange.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import nl.ipsexchange.platform.PlatformDatabase;
import nl.ipsexchange.testsupport.StoredKeyTrial;

/**
 * Crypto-shredding on a real PostgreSQL key table: a ciphertext opens with its client's key; once that key is
 * destroyed it reads as erased, also after a new key was created for the client; a ciphertext that was altered
 * is an error, never quietly "erased". The keys are stored wrapped by a key-encryption key that is not in the database,
 * and keys an earlier version stored unwrapped still open their data and are wrapped at start (ADR 0033).
 */
class ClientDataCipherTest {

    private final String client = UUID.randomUUID().toString();
    private final KeyEncryptionKey keyEncryptionKey = LocalKeyEncryptionKey.generate();
    private ClientDataCipher cipher;
    private JdbcTemplate jdbc;
    private TransactionTemplate transactions;

    @BeforeEach
    void freshDatabase() {
        DataSource database = PlatformDatabase.fresh("client_data_cipher");
        jdbc = new JdbcTemplate(database);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(database));
        cipher = new ClientDataCipher(jdbc, keyEncryptionKey);
    }

    @Test
    void twoTransactionsMakingTheSameKeyAtOnceBothGetTheOneThatWasStored() throws Exception {
        CountDownLatch made = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<SecretKey> first = threads.submit(() -> transactions.execute(status -> {
                SecretKey key = cipher.key("index/race");
                made.countDown();
                await(commit);
                return key;
            }));
            await(made);
            // the second inserts while the first has not committed: its insert waits, then finds the first's key
            Future<SecretKey> racing = threads.submit(() -> transactions.execute(status -> {
                SecretKey key = cipher.key("index/race");
                assertThat(jdbc.queryForObject("select 1", Integer.class)).as("the transaction is usable").isOne();
                return key;
            }));
            Thread.sleep(300);
            commit.countDown();

            assertThat(racing.get(10, TimeUnit.SECONDS).getEncoded())
                    .isEqualTo(first.get(10, TimeUnit.SECONDS).getEncoded());
        } finally {
            threads.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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

    @Test
    void theStoredKeyIsWrappedAndDoesNotOpenTheCiphertextWithoutTheKeyEncryptionKey() {
        String sealed = cipher.encrypt(client, "hears voices at night");

        byte[] stored = storedKey(client);
        assertThat(jdbc.queryForObject("select wrapped from client_data_key where client_id = ?", Boolean.class,
                client)).isTrue();
        assertThat(stored).as("a wrapped 256-bit key: version, key fingerprint, IV, sealed key, tag")
                .hasSize(1 + 8 + 12 + 32 + 16);
        assertThat(StoredKeyTrial.opensWithAnyWindowOf(stored, client, sealed))
                .as("no 32 bytes of the stored key open the data").isFalse();
        assertThat(StoredKeyTrial.opensWithAnyWindowOf(keyEncryptionKey.unwrap(stored, client), client, sealed))
                .as("the same test opens it with the unwrapped key").isTrue();
    }

    @Test
    void aKeyStoredUnwrappedByAnEarlierVersionStillOpensItsDataAndIsWrappedAtStart() {
        String sealed = cipher.encrypt(client, "written before the keys were wrapped");
        byte[] plainKey = keyEncryptionKey.unwrap(storedKey(client), client);
        jdbc.update("update client_data_key set data_key = ?, wrapped = false where client_id = ?", plainKey, client);

        assertThat(cipher.decrypt(client, sealed)).as("used as it is until wrapped")
                .contains("written before the keys were wrapped");
        ClientDataCipher started = new ClientDataCipher(jdbc, keyEncryptionKey);
        assertThat(started.wrapUnwrappedKeys()).isEqualTo(1);

        assertThat(storedKey(client)).isNotEqualTo(plainKey).hasSize(69);
        assertThat(jdbc.queryForObject("select count(*) from client_data_key where not wrapped", Integer.class))
                .isZero();
        assertThat(started.decrypt(client, sealed)).contains("written before the keys were wrapped");
        assertThat(started.wrapUnwrappedKeys()).as("nothing left to wrap").isZero();
    }

    @Test
    void aKeyThatDoesNotUnwrapIsAnErrorNotErasure() {
        String sealed = cipher.encrypt(client, "medication changed");
        ClientDataCipher otherKey = new ClientDataCipher(jdbc, LocalKeyEncryptionKey.generate());

        assertThatThrownBy(() -> otherKey.decrypt(client, sealed))
                .isInstanceOf(KeyEncryptionKey.KeyDoesNotUnwrapException.class)
                .hasMessageContaining("IPS_KEK");
        assertThat(cipher.decrypt(client, sealed)).contains("medication changed");
    }

    @Test
    void aWrappedKeyCopiedOntoAnotherClientsRowDoesNotUnwrapThere() {
        String other = UUID.randomUUID().toString();
        cipher.encrypt(client, "one");
        String sealed = cipher.encrypt(other, "two");
        jdbc.update("update client_data_key set data_key = ? where client_id = ?", storedKey(client), other);

        assertThatThrownBy(() -> cipher.decrypt(other, sealed))
                .isInstanceOf(KeyEncryptionKey.KeyDoesNotUnwrapException.class);
    }

    @Test
    void duringARotationKeysWrappedUnderThePreviousKeyStillOpenAndAreWrappedAnewAtStart() {
        String other = UUID.randomUUID().toString();
        String first = cipher.encrypt(client, "wrapped under the old key");
        String second = cipher.encrypt(other, "this one too");
        LocalKeyEncryptionKey rotated = LocalKeyEncryptionKey.generate()
                .replacing(List.of((LocalKeyEncryptionKey) keyEncryptionKey));
        ClientDataCipher started = new ClientDataCipher(jdbc, rotated);

        assertThat(started.decrypt(client, first)).as("before the rewrap").contains("wrapped under the old key");
        assertThat(rotated.isCurrent(storedKey(client))).isFalse();
        assertThat(started.rewrapKeys()).isEqualTo(2);

        assertThat(rotated.isCurrent(storedKey(client))).isTrue();
        assertThat(rotated.isCurrent(storedKey(other))).isTrue();
        ClientDataCipher newKeyAlone = new ClientDataCipher(jdbc, rotated.replacing(List.of()));
        assertThat(newKeyAlone.decrypt(client, first)).contains("wrapped under the old key");
        assertThat(newKeyAlone.decrypt(other, second)).contains("this one too");
        assertThat(started.rewrapKeys()).as("nothing left to wrap anew").isZero();
        assertThatThrownBy(() -> new ClientDataCipher(jdbc, keyEncryptionKey).decrypt(client, first))
                .as("the old key alone no longer opens them")
                .isInstanceOf(KeyEncryptionKey.KeyDoesNotUnwrapException.class);
    }

    @Test
    void withoutThePreviousKeyAKeyWrappedUnderItIsRefusedNamingTheSettingForIt() {
        String sealed = cipher.encrypt(client, "wrapped under the old key");
        ClientDataCipher forgotten = new ClientDataCipher(jdbc, LocalKeyEncryptionKey.generate());

        assertThatThrownBy(forgotten::rewrapKeys).isInstanceOf(KeyEncryptionKey.KeyDoesNotUnwrapException.class)
                .hasMessageContaining("IPS_KEK_PREVIOUS");
        assertThat(cipher.decrypt(client, sealed)).as("nothing was changed").contains("wrapped under the old key");
    }

    @Test
    void aKeyWrappedInTheFormatBeforeFingerprintsOpensWithTheCurrentOrAPreviousKeyAndIsWrappedAnew() throws Exception {
        byte[] oldKek = new byte[32];
        new SecureRandom().nextBytes(oldKek);
        String sealed = cipher.encrypt(client, "wrapped by version 1");
        byte[] dataKey = keyEncryptionKey.unwrap(storedKey(client), client);
        jdbc.update("update client_data_key set data_key = ? where client_id = ?",
                wrapAsVersion1(oldKek, dataKey, client), client);
        LocalKeyEncryptionKey current = LocalKeyEncryptionKey.generate().replacing(LocalKeyEncryptionKey
                .previousFromSettings(Base64.getEncoder().encodeToString(oldKek)));
        ClientDataCipher started = new ClientDataCipher(jdbc, current);

        assertThat(started.decrypt(client, sealed)).contains("wrapped by version 1");
        assertThat(started.rewrapKeys()).isEqualTo(1);
        assertThat(current.isCurrent(storedKey(client))).isTrue();
        assertThat(started.decrypt(client, sealed)).contains("wrapped by version 1");
    }

    @Test
    void aPreviousKeyThatIsNotA256BitBase64KeyIsNamedByItsPlaceWithoutItsValue() {
        String good = Base64.getEncoder().encodeToString(new byte[32]);
        assertThatThrownBy(() -> LocalKeyEncryptionKey.previousFromSettings(good + ", not-base64!"))
                .hasMessage("IPS_KEK_PREVIOUS (ips.crypto.kek-previous) entry 2 is not base64");
        assertThatThrownBy(() -> LocalKeyEncryptionKey.previousFromSettings("c2hvcnQ="))
                .hasMessage("IPS_KEK_PREVIOUS (ips.crypto.kek-previous) entry 1 is not a 256-bit key");
        assertThat(LocalKeyEncryptionKey.previousFromSettings(" ")).isEmpty();
    }

    /** {@code 0x01 | IV | sealed key and tag}, as version 1 wrapped a data key (without the key's fingerprint). */
    private static byte[] wrapAsVersion1(byte[] kek, byte[] dataKey, String keyId) throws Exception {
        byte[] iv = new byte[12];
        new SecureRandom().nextBytes(iv);
        Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
        aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(kek, "AES"), new GCMParameterSpec(128, iv));
        aes.updateAAD(("client_data_key:" + keyId).getBytes(StandardCharsets.UTF_8));
        byte[] sealed = aes.doFinal(dataKey);
        return ByteBuffer.allocate(1 + iv.length + sealed.length).put((byte) 1).put(iv).put(sealed).array();
    }

    private byte[] storedKey(String keyId) {
        return jdbc.queryForObject("select data_key from client_data_key where client_id = ?", byte[].class, keyId);
    }
}
