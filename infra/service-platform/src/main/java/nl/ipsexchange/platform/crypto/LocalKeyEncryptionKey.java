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
import java.util.Base64;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import nl.ipsexchange.platform.security.PublishedSecrets;

/**
 * A 256-bit key-encryption key held by the service itself, read from {@code IPS_KEK} (base64) or from the file
 * {@code IPS_KEK_FILE} names (its base64 text), never from the database. A data key is wrapped with AES-256-GCM, the
 * key id as associated data: {@code 0x01 | 12-byte IV | sealed key and tag} (61 bytes for a 256-bit data key).
 */
public final class LocalKeyEncryptionKey implements KeyEncryptionKey {

    /** The settings that name the key, for messages (never the key itself). */
    public static final String SETTINGS = "IPS_KEK (ips.crypto.kek) or IPS_KEK_FILE (ips.crypto.kek-file)";

    /**
     * The demo profile's key: published here, so it protects nothing and is refused outside that profile
     * ({@link #fromSettings}).
     */
    static final String DEMO_KEY = "aXBzLWV4Y2hhbmdlIGRlbW8ga2V5LWVuY3J5cHRpb24=";

    private static final byte VERSION = 1;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int KEY_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;

    private LocalKeyEncryptionKey(byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalStateException("the key-encryption key (" + SETTINGS + ") must be 32 bytes (256 bits) "
                    + "in base64; it is " + key.length + " bytes");
        }
        this.key = new SecretKeySpec(key, "AES");
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
        return new LocalKeyEncryptionKey(bytes);
    }

    /** A new random key (tests, and {@link #createFile}). */
    public static LocalKeyEncryptionKey generate() {
        return new LocalKeyEncryptionKey(randomKey());
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
            return ByteBuffer.allocate(1 + IV_BYTES + sealed.length).put(VERSION).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("wrapping a data key failed", e);
        }
    }

    @Override
    public byte[] unwrap(byte[] wrappedKey, String keyId) {
        if (wrappedKey.length <= 1 + IV_BYTES || wrappedKey[0] != VERSION) {
            throw new KeyDoesNotUnwrapException("a stored data key is not wrapped in a form this service knows");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, wrappedKey, 1, IV_BYTES));
            cipher.updateAAD(associatedData(keyId));
            return cipher.doFinal(wrappedKey, 1 + IV_BYTES, wrappedKey.length - 1 - IV_BYTES);
        } catch (AEADBadTagException e) {
            throw new KeyDoesNotUnwrapException("a stored data key does not unwrap with this service's "
                    + "key-encryption key (" + SETTINGS + "): another key, or the row was altered");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("unwrapping a data key failed", e);
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
