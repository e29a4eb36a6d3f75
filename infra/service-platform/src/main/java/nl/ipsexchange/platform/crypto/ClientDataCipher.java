package nl.ipsexchange.platform.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import nl.ipsexchange.kernel.DataCategory;

/**
 * Crypto-shredding: personal data is encrypted with a key of its own per client (AES-256-GCM) before it is stored
 * anywhere, the event store included. The keys live in their own table ({@code client_data_key}); destroying a
 * client's key makes every stored copy unreadable at once, including copies in old events and backups. A key may
 * also be scoped to one category of a client's data ({@link #keyId(String, DataCategory)}), so that the data of
 * that category alone can be shredded.
 *
 * <p>The data keys are stored wrapped by the service's key-encryption key ({@link KeyEncryptionKey}), which is not in
 * the database: a dump of it opens nothing (ADR 0033). Keys an earlier version stored unwrapped are wrapped when the
 * service starts ({@link #wrapUnwrappedKeys}); a stored key that does not unwrap is an error, never erasure.
 */
public class ClientDataCipher {

    /** {@code enc2:<key fingerprint>:<base64 of IV and sealed bytes>}; {@code enc1:} had no fingerprint. */
    private static final String PREFIX = "enc2:";
    private static final String LEGACY_PREFIX = "enc1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private static final Logger log = LoggerFactory.getLogger(ClientDataCipher.class);

    private final JdbcTemplate jdbc;
    private final KeyEncryptionKey keyEncryptionKey;
    private final SecureRandom random = new SecureRandom();

    public ClientDataCipher(JdbcTemplate jdbc, KeyEncryptionKey keyEncryptionKey) {
        this.jdbc = jdbc;
        this.keyEncryptionKey = keyEncryptionKey;
    }

    /**
     * Wraps every data key that an earlier version stored unwrapped (a kept local stack), each in a statement that
     * changes the row only while it is still the unwrapped key read: safe beside a running service.
     *
     * @return how many keys were wrapped
     */
    public int wrapUnwrappedKeys() {
        int wrapped = 0;
        List<Object[]> batch;
        do {
            batch = jdbc.query("select client_id, data_key from client_data_key where not wrapped limit 500",
                    (rs, i) -> {
                        String keyId = rs.getString(1);
                        byte[] key = rs.getBytes(2);
                        return new Object[] {keyEncryptionKey.wrap(key, keyId), keyId, key};
                    });
            if (!batch.isEmpty()) {
                wrapped += Arrays.stream(jdbc.batchUpdate("update client_data_key set data_key = ?, "
                        + "wrapped = true where client_id = ? and not wrapped and data_key = ?", batch)).sum();
            }
        } while (!batch.isEmpty());
        if (wrapped > 0) {
            log.info("wrapped {} data keys that an earlier version stored unwrapped", wrapped);
        }
        return wrapped;
    }

    /**
     * Wraps under the current key-encryption key every data key still wrapped under one a rotation replaced (ADR 33),
     * in batches in key order, each row changed only while it still holds what was read: safe beside a running
     * service. Once it has run, the previous keys can be removed from the settings.
     *
     * @return how many keys were wrapped anew
     */
    public int rewrapKeys() {
        int rewrapped = 0;
        String after = "";
        List<Object[]> read;
        do {
            read = jdbc.query("select client_id, data_key from client_data_key where wrapped and client_id > ? "
                    + "order by client_id limit 500", (rs, i) -> new Object[] {rs.getString(1), rs.getBytes(2)}, after);
            List<Object[]> batch = new ArrayList<>();
            for (Object[] row : read) {
                String keyId = (String) row[0];
                byte[] stored = (byte[]) row[1];
                if (!keyEncryptionKey.isCurrent(stored)) {
                    batch.add(new Object[] {keyEncryptionKey.wrap(keyEncryptionKey.unwrap(stored, keyId), keyId),
                            keyId, stored});
                }
                after = keyId;
            }
            if (!batch.isEmpty()) {
                rewrapped += Arrays.stream(jdbc.batchUpdate("update client_data_key set data_key = ? "
                        + "where client_id = ? and data_key = ?", batch)).sum();
            }
        } while (!read.isEmpty());
        if (rewrapped > 0) {
            log.info("wrapped {} data keys anew under the current key-encryption key", rewrapped);
        }
        return rewrapped;
    }

    /** Whether {@code text} is a ciphertext of this platform (not a value an earlier version stored in the clear). */
    public static boolean isCiphertext(String text) {
        return text != null && (text.startsWith(PREFIX) || text.startsWith(LEGACY_PREFIX));
    }

    /** The id of the client's key for the data of one category (a key of its own, destroyed on its own). */
    public static String keyId(String clientId, DataCategory category) {
        return clientId + "/" + category.name();
    }

    /** Free text about a client, sealed under the client's key for the category; null stays null. */
    public String sealText(String clientId, DataCategory category, String text) {
        return text == null ? null : encrypt(keyId(clientId, category), text);
    }

    /**
     * What {@link #sealText} stored, opened; text an earlier version stored in the clear reads as it is; null once
     * the key is gone.
     */
    public String openText(String clientId, DataCategory category, String stored) {
        if (!isCiphertext(stored)) {
            return stored;
        }
        return decrypt(keyId(clientId, category), stored).orElse(null);
    }

    /** Encrypts with the client's key, creating the key on first use. */
    public String encrypt(String clientId, String plaintext) {
        SecretKey key = keyOf(clientId).orElseGet(() -> createKey(clientId));
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(clientId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return PREFIX + fingerprint(key) + ":" + Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    /**
     * The plaintext, or empty when the key it was sealed with has been destroyed (the data is shredded): the
     * client has no key any more, or only a newer one (the ciphertext names its key by a fingerprint). A ciphertext
     * that names the client's current key but does not open with it has been altered: that is an error, not erasure.
     */
    public Optional<String> decrypt(String clientId, String ciphertext) {
        if (!isCiphertext(ciphertext)) {
            throw new IllegalArgumentException("not a ciphertext of this platform");
        }
        boolean fingerprinted = ciphertext.startsWith(PREFIX);
        Optional<SecretKey> key = keyOf(clientId);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        String sealedText;
        if (fingerprinted) {
            int colon = ciphertext.indexOf(':', PREFIX.length());
            if (colon < 0) {
                throw new IllegalArgumentException("not a ciphertext of this platform");
            }
            if (!ciphertext.substring(PREFIX.length(), colon).equals(fingerprint(key.get()))) {
                return Optional.empty(); // sealed under an earlier key of the client, since destroyed
            }
            sealedText = ciphertext.substring(colon + 1);
        } else {
            sealedText = ciphertext.substring(LEGACY_PREFIX.length());
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(sealedText);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key.get(), new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
            cipher.updateAAD(clientId.getBytes(StandardCharsets.UTF_8));
            return Optional.of(new String(cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES),
                    StandardCharsets.UTF_8));
        } catch (AEADBadTagException altered) {
            if (!fingerprinted) {
                // a ciphertext from before fingerprints cannot tell an earlier, destroyed key from tampering
                return Optional.empty();
            }
            throw new IllegalStateException("a ciphertext of client data was altered: it does not open with its key");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("decryption failed", e);
        }
    }

    /** Names a key without revealing it: the first 8 bytes of its SHA-256, in hex. */
    private static String fingerprint(SecretKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no SHA-256", e);
        }
    }

    /**
     * The key stored under {@code keyId}, made on first use: for a keyed hash over values that must stay findable
     * without being stored ({@link BlindIndex}). Wrapped like every data key, so rotated with them.
     */
    public SecretKey key(String keyId) {
        return keyOf(keyId).orElseGet(() -> createKey(keyId));
    }

    /** Destroys the client's key: everything encrypted with it is unreadable from now on. */
    public boolean destroyKey(String clientId) {
        return jdbc.update("delete from client_data_key where client_id = ?", clientId) > 0;
    }

    public boolean hasKey(String clientId) {
        return keyOf(clientId).isPresent();
    }

    private Optional<SecretKey> keyOf(String clientId) {
        // a key an earlier version stored unwrapped (until wrapUnwrappedKeys has run) is used as it is
        return jdbc.query("select data_key, wrapped from client_data_key where client_id = ?",
                        (rs, i) -> (SecretKey) new SecretKeySpec(rs.getBoolean(2)
                                ? keyEncryptionKey.unwrap(rs.getBytes(1), clientId) : rs.getBytes(1), "AES"),
                        clientId)
                .stream().findFirst();
    }

    private SecretKey createKey(String clientId) {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, random);
            SecretKey key = generator.generateKey();
            // on conflict: a failed insert would abort the caller's transaction; this one waits for the racing
            // insert to commit and then reads its key
            int inserted = jdbc.update("insert into client_data_key (client_id, data_key, wrapped, created_at) "
                    + "values (?, ?, true, now()) on conflict (client_id) do nothing", clientId,
                    keyEncryptionKey.wrap(key.getEncoded(), clientId));
            return inserted == 1 ? key : keyOf(clientId).orElseThrow();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no AES key generator", e);
        }
    }
}
