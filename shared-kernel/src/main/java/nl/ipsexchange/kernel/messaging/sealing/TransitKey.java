package nl.ipsexchange.kernel.messaging.sealing;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.UUID;

/**
 * The key that seals one category of one client's data on its way to one recipient agency: AES-256, named by a
 * random id that envelopes carry (the id says nothing about client, recipient or category).
 */
public record TransitKey(UUID keyId, byte[] secret) {

    static final int BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    public TransitKey {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(secret, "secret");
        if (secret.length != BYTES) {
            throw new IllegalArgumentException("a transit key has " + BYTES + " bytes");
        }
        secret = secret.clone();
    }

    /** A new random key with a new random id. */
    public static TransitKey generate() {
        byte[] secret = new byte[BYTES];
        RANDOM.nextBytes(secret);
        return new TransitKey(UUID.randomUUID(), secret);
    }

    @Override
    public byte[] secret() {
        return secret.clone();
    }

    @Override
    public String toString() {
        return "TransitKey[" + keyId + "]"; // never the secret
    }
}
