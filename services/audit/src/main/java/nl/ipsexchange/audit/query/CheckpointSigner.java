package nl.ipsexchange.audit.query;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Signs checkpoints with the audit service's Ed25519 key and checks theirs (ADR 32). The private key comes from
 * configuration ({@code ips.audit.checkpoint.signing-key}, PKCS#8 in base64), never from the database; the public
 * keys that are trusted ({@code ips.audit.checkpoint.public-keys}, X.509 in base64, comma-separated) hold the
 * signing key's own first and, while a rotation is under way, the keys it replaced.
 */
@Component
public class CheckpointSigner {

    public static final String SIGNING_KEY = "ips.audit.checkpoint.signing-key";
    public static final String PUBLIC_KEYS = "ips.audit.checkpoint.public-keys";
    private static final String ALGORITHM = "Ed25519";

    private final PrivateKey signingKey;
    private final List<PublicKey> trusted;

    public CheckpointSigner(Environment environment) {
        this.signingKey = privateKey(AuditSecrets.require(environment, SIGNING_KEY));
        List<PublicKey> keys = new ArrayList<>();
        for (String key : AuditSecrets.require(environment, PUBLIC_KEYS).split(",")) {
            keys.add(publicKey(key.strip()));
        }
        this.trusted = List.copyOf(keys);
        byte[] probe = "ips-audit-checkpoint key check".getBytes(StandardCharsets.UTF_8);
        if (!verifies(trusted.get(0), probe, sign(probe))) {
            throw new IllegalStateException("the first of " + PUBLIC_KEYS + " is not the public key of "
                    + SIGNING_KEY);
        }
    }

    /** The checkpoint with its signature. */
    public Checkpoint sign(Checkpoint checkpoint) {
        return checkpoint.signed(Base64.getEncoder().encodeToString(sign(checkpoint.signedText())));
    }

    /** Whether one of the trusted keys signed exactly this checkpoint. */
    public boolean signedByUs(Checkpoint checkpoint) {
        if (checkpoint.signature() == null) {
            return false;
        }
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(checkpoint.signature());
        } catch (IllegalArgumentException e) {
            return false;
        }
        byte[] text = checkpoint.signedText();
        return trusted.stream().anyMatch(key -> verifies(key, text, signature));
    }

    private byte[] sign(byte[] text) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(signingKey);
            signature.update(text);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    private static boolean verifies(PublicKey key, byte[] text, byte[] signed) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initVerify(key);
            signature.update(text);
            return signature.verify(signed);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static PrivateKey privateKey(String base64) {
        try {
            return KeyFactory.getInstance(ALGORITHM)
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64.strip())));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // the message names the setting only: the exception's own text could quote the key
            throw new IllegalStateException(SIGNING_KEY + " is not an Ed25519 private key (PKCS#8, base64)");
        }
    }

    private static PublicKey publicKey(String base64) {
        try {
            return KeyFactory.getInstance(ALGORITHM)
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(PUBLIC_KEYS + " holds a key that is not an Ed25519 public key "
                    + "(X.509, base64)");
        }
    }
}
