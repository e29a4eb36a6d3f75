package nl.ipsexchange.platform.crypto;

/**
 * The key that wraps the per-client data keys ({@link ClientDataCipher}) before they are stored, kept outside the
 * database (ADR 0033): a database dump alone then holds no key that opens the data. {@link LocalKeyEncryptionKey}
 * reads it from the environment or a file; a key management service can implement this instead.
 */
public interface KeyEncryptionKey {

    /**
     * The data key sealed under this key, bound to {@code keyId} (the client's key id): a wrapped key copied onto
     * another key id's row does not unwrap there.
     */
    byte[] wrap(byte[] dataKey, String keyId);

    /**
     * The data key that {@link #wrap} sealed for {@code keyId}.
     *
     * @throws KeyDoesNotUnwrapException when it was wrapped under another key, for another key id, or altered
     */
    byte[] unwrap(byte[] wrappedKey, String keyId);

    /**
     * Whether {@code wrappedKey} is wrapped under the current key: false for a key wrapped under a previous one that
     * this key still opens during a rotation, which {@link ClientDataCipher#rewrapKeys} then wraps anew. A key
     * management service that rotates behind its own interface answers true.
     */
    default boolean isCurrent(byte[] wrappedKey) {
        return true;
    }

    /** A wrapped data key that does not open with this key: a wrong key-encryption key or an altered row. */
    final class KeyDoesNotUnwrapException extends IllegalStateException {

        public KeyDoesNotUnwrapException(String message) {
            super(message);
        }
    }
}
