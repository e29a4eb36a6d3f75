package nl.ipsexchange.testsupport;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * What someone with a dump of a database would try: every stored key's bytes as the AES-GCM key of a ciphertext of the
 * platform ({@code enc2:<fingerprint>:<base64 of IV and sealed bytes>}, the key id as associated data).
 */
public final class StoredKeyTrial {

    private StoredKeyTrial() {
    }

    /** Whether any 32 consecutive bytes of {@code candidate}, taken as the AES key, open the key id's ciphertext. */
    public static boolean opensWithAnyWindowOf(byte[] candidate, String keyId, String ciphertext) {
        byte[] sealed = Base64.getDecoder().decode(ciphertext.substring(ciphertext.lastIndexOf(':') + 1));
        for (int start = 0; start + 32 <= candidate.length; start++) {
            try {
                Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
                aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(Arrays.copyOfRange(candidate, start, start + 32),
                        "AES"), new GCMParameterSpec(128, sealed, 0, 12));
                aes.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
                aes.doFinal(sealed, 12, sealed.length - 12);
                return true;
            } catch (GeneralSecurityException doesNotOpen) {
                // the next window
            }
        }
        return false;
    }
}
