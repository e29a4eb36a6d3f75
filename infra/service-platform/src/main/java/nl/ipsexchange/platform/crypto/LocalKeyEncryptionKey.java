package nl.ipsexchange.platform.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import nl.ipsexchange.platform.security.PublishedSecrets;

/**
 * A 256-bit key-encryption key held by the service itself, read from {@code IPS_KEK} (base64) or from the file
 * {@code IPS_KEK_FILE} names (its base64 text), never from the database. A data key is wrapped with AES-256-GCM, the
 * key id as associated data: {@code 0x02 | 8-byte key fingerprint | 12-byte IV | sealed key and tag} (69 bytes for
 * a 256-bit data key); version {@code 0x01} had no fingerprint.
 *
 * <p>Rotation (ADR 33): the new key in {@code IPS_KEK}, the old ones in {@code IPS_KEK_PREVIOUS}. Keys wrapped under
 * a previous key still unwrap, and {@link ClientDataCipher#rewrapKeys} wraps them under the new one at start; once
 * it has, the previous keys can go.
 */
public final class LocalKeyEncryptionKey implements KeyEncryptionKey {

    /** The settings that name the key, for messages (never the key itself). */
    public static final String SETTINGS = "IPS_KEK (ips.crypto.kek) or IPS_KEK_FILE (ips.crypto.kek-file)";

    /**
     * The demo profile's key: published here, so it protects nothing and is refused outside that profile
     * ({@link #fromSettings}).
     */
    static final String DEMO_KEY = "aXBzLWV4Y2hhbmdlIGRlbW8ga2V5LWVuY3J5cHRpb24=";

    /** The settings of the keys a rotation replaces, for messages. */
    public static final String PREVIOUS_SETTINGS = "IPS_KEK_PREVIOUS (ips.crypto.kek-previous)";

    private static final byte VERSION_WITHOUT_FINGERPRINT = 1;
    private static final byte VERSION = 2;
    private static final int FINGERPRINT_BYTES = 8;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int KEY_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;
    private final byte[] fingerprint;
    private final List<LocalKeyEncryptionKey> previous;

    private LocalKeyEncryptionKey(byte[] key, List<LocalKeyEncryptionKey> previous) {
        if (key.length != KEY_BYTES) {
            throw new IllegalStateException("the key-encryption key (" + SETTINGS + ") must be 32 bytes (256 bits) "
                    + "in base64; it is " + key.length + " bytes");
        }
        this.key = new SecretKeySpec(key, "AES");
        this.fingerprint = fingerprint(key);
        this.previous = List.copyOf(previous);
    }

    /**
     * This key, which also unwraps what the {@code previous} keys wrapped (a rotation in progress). Wrapping is
     * always under this one.
     */
    public LocalKeyEncryptionKey replacing(List<LocalKeyEncryptionKey> previous) {
        return new LocalKeyEncryptionKey(key.getEncoded(), previous.stream()
                .filter(old -> !Arrays.equals(old.fingerprint, fingerprint)).toList());
    }

    /**
     * The key the settings name: {@code kek} (base64) or else the file {@code kekFile}; with neither, the demo key in
     * the demo profile. Outside the demo profile a missing key or the demo key refuses the start, naming the setting.
     */
    public static LocalKeyEncryptionKey fromSettings(String kek, String kekFile, boolean demoProfile) {
        String encoded;
        if (kek != null && !kek.isBlank()) {
            encoded = kek;
        } else if (kekFile != null && !kekFile.isBlank()) {
            try {
                encoded = Files.readString(Path.of(kekFile.trim()), StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new IllegalStateException("the key-encryption key file (IPS_KEK_FILE, ips.crypto.kek-file) "
                        + "cannot be read: " + e.getClass().getSimpleName());
            }
        } else if (demoProfile) {
            encoded = DEMO_KEY;
        } else {
            throw new IllegalStateException("no key-encryption key for the data keys: set " + SETTINGS
                    + " to a 256-bit key in base64 (only the demo profile has a default)");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(encoded.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the key-encryption key (" + SETTINGS + ") is not base64");
        }
        new PublishedSecrets(demoProfile).refuse("the key-encryption key (" + SETTINGS + ")",
                MessageDigest.isEqual(bytes, Base64.getDecoder().decode(DEMO_KEY)), "set a key of your own (ADR 33)");
        return new LocalKeyEncryptionKey(bytes, List.of());
    }

    /**
     * The keys a rotation replaced, from {@code IPS_KEK_PREVIOUS}: base64 keys separated by commas, none when blank.
     * They only unwrap; a published one is allowed here, since moving away from it is what the rotation is for.
     */
    public static List<LocalKeyEncryptionKey> previousFromSettings(String previous) {
        if (previous == null || previous.isBlank()) {
            return List.of();
        }
        List<LocalKeyEncryptionKey> keys = new ArrayList<>();
        String[] entries = previous.trim().split("\\s*,\\s*");
        for (int i = 0; i < entries.length; i++) {
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(entries[i].trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(PREVIOUS_SETTINGS + " entry " + (i + 1) + " is not base64");
            }
            if (bytes.length != KEY_BYTES) {
                throw new IllegalStateException(PREVIOUS_SETTINGS + " entry " + (i + 1) + " is not a 256-bit key");
            }
            keys.add(new LocalKeyEncryptionKey(bytes, List.of()));
        }
        return keys;
    }

    /** A new random key (tests, and {@link #createFile}). */
    public static LocalKeyEncryptionKey generate() {
        return new LocalKeyEncryptionKey(randomKey(), List.of());
    }

    /**
     * Writes a new random key to {@code file} (readable by its owner only) unless the file exists: how the local
     * stack gives each service a key of its own, kept with its data across restarts.
     */
    public static Path createFile(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), ".kek-", ".tmp");
                try {
                    Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // a file system without POSIX permissions: the directory's protect it
                }
                Files.writeString(temporary, Base64.getEncoder().encodeToString(randomKey()) + "\n",
                        StandardCharsets.US_ASCII);
                Files.move(temporary, file);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the key-encryption key file " + file, e);
        }
    }

    private static byte[] randomKey() {
        byte[] bytes = new byte[KEY_BYTES];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    @Override
    public byte[] wrap(byte[] dataKey, String keyId) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData(keyId));
            byte[] sealed = cipher.doFinal(dataKey);
            return ByteBuffer.allocate(1 + FINGERPRINT_BYTES + IV_BYTES + sealed.length).put(VERSION)
                    .put(fingerprint).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("wrapping a data key failed", e);
        }
    }

    @Override
    public byte[] unwrap(byte[] wrappedKey, String keyId) {
        if (wrappedKey.length > 1 + FINGERPRINT_BYTES + IV_BYTES && wrappedKey[0] == VERSION) {
            byte[] wrappedUnder = Arrays.copyOfRange(wrappedKey, 1, 1 + FINGERPRINT_BYTES);
            for (LocalKeyEncryptionKey candidate : candidates()) {
                if (Arrays.equals(candidate.fingerprint, wrappedUnder)) {
                    return candidate.open(wrappedKey, 1 + FINGERPRINT_BYTES, keyId);
                }
            }
            throw new KeyDoesNotUnwrapException("a stored data key is wrapped under a key-encryption key this service "
                    + "does not hold: give the key of before a rotation in " + PREVIOUS_SETTINGS);
        }
        if (wrappedKey.length > 1 + IV_BYTES && wrappedKey[0] == VERSION_WITHOUT_FINGERPRINT) {
            KeyDoesNotUnwrapException refused = null;
            for (LocalKeyEncryptionKey candidate : candidates()) {
                try {
                    return candidate.open(wrappedKey, 1, keyId);
                } catch (KeyDoesNotUnwrapException notThisOne) {
                    refused = notThisOne;
                }
            }
            throw refused;
        }
        throw new KeyDoesNotUnwrapException("a stored data key is not wrapped in a form this service knows");
    }

    @Override
    public boolean isCurrent(byte[] wrappedKey) {
        return wrappedKey.length > 1 + FINGERPRINT_BYTES && wrappedKey[0] == VERSION
                && Arrays.equals(Arrays.copyOfRange(wrappedKey, 1, 1 + FINGERPRINT_BYTES), fingerprint);
    }

    private List<LocalKeyEncryptionKey> candidates() {
        List<LocalKeyEncryptionKey> candidates = new ArrayList<>(List.of(this));
        candidates.addAll(previous);
        return candidates;
    }

    /** Opens the sealed key and tag after the IV at {@code ivAt}. */
    private byte[] open(byte[] wrappedKey, int ivAt, String keyId) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, wrappedKey, ivAt, IV_BYTES));
            cipher.updateAAD(associatedData(keyId));
            return cipher.doFinal(wrappedKey, ivAt + IV_BYTES, wrappedKey.length - ivAt - IV_BYTES);
        } catch (AEADBadTagException e) {
            throw new KeyDoesNotUnwrapException("a stored data key does not unwrap with this service's "
                    + "key-encryption key (" + SETTINGS + "): another key, or the row was altered");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("unwrapping a data key failed", e);
        }
    }

    /** Names a key without revealing it: the first 8 bytes of a SHA-256 over a label and the key. */
    private static byte[] fingerprint(byte[] key) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update("ips-key-encryption-key:".getBytes(StandardCharsets.US_ASCII));
            return Arrays.copyOf(sha256.digest(key), FINGERPRINT_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no SHA-256", e);
        }
    }

    private static byte[] associatedData(String keyId) {
        return ("client_data_key:" + keyId).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "LocalKeyEncryptionKey"; // never the key
    }
}
