package nl.ipsexchange.platform.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;

/**
 * A keyed hash (HMAC-SHA-256) of a value that is stored only as ciphertext but must stay findable or unique, such as
 * a citizen service number: equal values give equal hashes, and without the key, which is stored wrapped by the
 * key-encryption key ({@link ClientDataCipher#key}), a dump cannot test a guess against them.
 */
public final class BlindIndex {

    private final ClientDataCipher keys;
    private final String keyId;

    /** @param keyId the key's id in {@code client_data_key}, e.g. {@code index/bsn} */
    public BlindIndex(ClientDataCipher keys, String keyId) {
        this.keys = keys;
        this.keyId = keyId;
    }

    /** The value's hash, 64 hex digits. */
    public String of(String value) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(keys.key(keyId));
            return HexFormat.of().formatHex(hmac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no HMAC-SHA-256", e);
        }
    }
}
