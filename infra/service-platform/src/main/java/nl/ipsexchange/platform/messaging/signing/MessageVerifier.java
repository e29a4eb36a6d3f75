package nl.ipsexchange.platform.messaging.signing;

import java.io.IOException;
import java.security.PublicKey;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.PublicKeyFactory;

import nl.ipsexchange.platform.messaging.signing.RefusedMessageException.Reason;

/**
 * Checks that a received message was signed, exactly as received and on the topic it came from, by a key this
 * service trusts ({@code ips.signing.public-keys}); {@link Verified#requireSigner} then checks that the key belongs to
 * the agency the envelope names as its source. Several keys per agency may be trusted at once, so that a key can be
 * rotated while the platform runs (ADR 31).
 */
public final class MessageVerifier {

    /** A public key this service trusts: its id, whose it is (an agency's code, or {@code AUDIT}), the key. */
    public record TrustedKey(String keyId, String identity, PublicKey key) {
    }

    /** A message shown to be signed by {@code signer} with key {@code keyId}. */
    public record Verified(String signer, MessageSignature signature) {

        /** @throws RefusedMessageException when the envelope names another source than the signer */
        public Verified requireSigner(String claimedSource) {
            if (!signer.equals(claimedSource)) {
                throw new RefusedMessageException(Reason.SIGNER_IS_NOT_SOURCE, "signed by " + signer + " (key "
                        + signature.printableKeyId() + ") but claims to come from " + claimedSource);
            }
            return this;
        }
    }

    private final Map<String, TrustedKey> keys = new LinkedHashMap<>();
    /** The trusted keys as Bouncy Castle reads them, by key id; a key that is not Ed25519 is absent. */
    private final Map<String, Ed25519PublicKeyParameters> parameters = new HashMap<>();

    public MessageVerifier(Collection<TrustedKey> trusted) {
        trusted.forEach(key -> {
            keys.put(key.keyId(), key);
            Ed25519PublicKeyParameters ed25519 = parameters(key.key());
            if (ed25519 != null) {
                parameters.put(key.keyId(), ed25519);
            }
        });
    }

    public Optional<TrustedKey> key(String keyId) {
        return Optional.ofNullable(keys.get(keyId));
    }

    public Collection<TrustedKey> keys() {
        return keys.values();
    }

    /**
     * @param signature the record's signature; null when it has none
     * @throws RefusedMessageException when it is unsigned, signed with a key not trusted here, or the signature does
     *                                 not match this topic and these bytes
     */
    public Verified verify(String topic, byte[] value, MessageSignature signature) {
        if (signature == null) {
            throw new RefusedMessageException(Reason.UNSIGNED, "the message is not signed");
        }
        TrustedKey key = signature.keyId() == null ? null : keys.get(signature.keyId());
        if (key == null) {
            throw new RefusedMessageException(Reason.UNKNOWN_KEY, "signed with an unknown key "
                    + signature.printableKeyId());
        }
        if (!valid(key, topic, value, signature.signature())) {
            throw new RefusedMessageException(Reason.BAD_SIGNATURE, "the signature of key "
                    + signature.printableKeyId() + " (" + key.identity() + ") does not match the message on " + topic);
        }
        return new Verified(key.identity(), signature);
    }

    private boolean valid(TrustedKey key, String topic, byte[] value, byte[] signature) {
        Ed25519PublicKeyParameters publicKey = parameters.get(key.keyId());
        if (publicKey == null) {
            return false; // not an Ed25519 key: nothing it signed is valid
        }
        // Bouncy Castle's Ed25519 (about 0.15 ms here; the JDK 17 provider's about 1.5 ms): each message is verified
        Ed25519Signer ed25519 = new Ed25519Signer();
        ed25519.init(false, publicKey);
        byte[] content = MessageSignature.signedContent(topic, value);
        ed25519.update(content, 0, content.length);
        return ed25519.verifySignature(signature); // false also for a signature of the wrong length
    }

    private static Ed25519PublicKeyParameters parameters(PublicKey key) {
        try {
            return PublicKeyFactory.createKey(key.getEncoded()) instanceof Ed25519PublicKeyParameters ed25519
                    ? ed25519 : null;
        } catch (IOException | IllegalArgumentException notAKey) {
            return null;
        }
    }
}
