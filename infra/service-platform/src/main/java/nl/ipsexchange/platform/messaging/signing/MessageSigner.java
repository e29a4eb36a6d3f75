package nl.ipsexchange.platform.messaging.signing;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;

/** Signs what this service sends, with its own Ed25519 key ({@code ips.signing.private-key}). */
public final class MessageSigner {

    static final String ALGORITHM = "Ed25519";

    private final String keyId;
    private final String identity;
    private final PrivateKey key;

    /**
     * @param keyId    the id receivers know the matching public key by
     * @param identity who signs: an agency's code, or {@code AUDIT}
     * @param key      the Ed25519 private key
     */
    public MessageSigner(String keyId, String identity, PrivateKey key) {
        this.keyId = keyId;
        this.identity = identity;
        this.key = key;
    }

    public MessageSignature sign(String topic, byte[] value) {
        try {
            Signature ed25519 = Signature.getInstance(ALGORITHM);
            ed25519.initSign(key);
            ed25519.update(MessageSignature.signedContent(topic, value));
            return new MessageSignature(keyId, ed25519.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not sign with key " + keyId, e);
        }
    }

    public String keyId() {
        return keyId;
    }

    public String identity() {
        return identity;
    }
}
