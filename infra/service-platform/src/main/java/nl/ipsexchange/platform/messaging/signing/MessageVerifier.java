package nl.ipsexchange.platform.messaging.signing;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

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

    public MessageVerifier(Collection<TrustedKey> trusted) {
        trusted.forEach(key -> keys.put(key.keyId(), key));
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
        if (!valid(key.key(), topic, value, signature.signature())) {
            throw new RefusedMessageException(Reason.BAD_SIGNATURE, "the signature of key "
                    + signature.printableKeyId() + " (" + key.identity() + ") does not match the message on " + topic);
        }
        return new Verified(key.identity(), signature);
    }

    private static boolean valid(PublicKey key, String topic, byte[] value, byte[] signature) {
        try {
            Signature ed25519 = Signature.getInstance(MessageSigner.ALGORITHM);
            ed25519.initVerify(key);
            ed25519.update(MessageSignature.signedContent(topic, value));
            return ed25519.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException malformed) {
            return false; // a signature of the wrong length or shape is simply not a valid one
        }
    }
}
