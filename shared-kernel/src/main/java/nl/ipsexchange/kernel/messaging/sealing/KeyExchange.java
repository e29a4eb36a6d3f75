package nl.ipsexchange.kernel.messaging.sealing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import nl.ipsexchange.kernel.messaging.MalformedMessageException;

/**
 * Delivers a transit key to the one agency that asked for it, forward-secret: the requester sends the public half of
 * a key pair made for this one request (X25519), the sender answers with the public half of one of its own and the
 * transit key wrapped (AES-256-GCM, the key id as associated data) under HKDF-SHA256 of the two pairs' shared secret.
 * Both private halves are destroyed after use, so nothing retained on the broker unwraps the key later.
 * Keys travel as base64 of their standard encodings (X.509 public, PKCS#8 private).
 */
public final class KeyExchange {

    private static final String CURVE = "X25519";
    private static final byte[] INFO = "ips-exchange transit key v1".getBytes(StandardCharsets.UTF_8);
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyExchange() {
    }

    /** A key pair for one request or one answer: base64 of its public and private halves. */
    public record Ephemeral(String publicKey, String privateKey) {

        @Override
        public String toString() {
            return "Ephemeral[" + publicKey + "]"; // never the private half
        }
    }

    /** What the sender answers: its own ephemeral public key and the wrapped transit key, both base64. */
    public record Wrapped(String senderPublicKey, String wrappedKey) {
    }

    public static Ephemeral ephemeral() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance(CURVE).generateKeyPair();
            return new Ephemeral(base64(pair.getPublic().getEncoded()), base64(pair.getPrivate().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no " + CURVE, e);
        }
    }

    /** The sender's side: wraps the transit key for the holder of {@code requesterPublicKey}'s private half. */
    public static Wrapped wrap(String requesterPublicKey, TransitKey key) {
        Ephemeral own = ephemeral();
        byte[] wrappingKey = wrappingKey(own.privateKey(), requesterPublicKey, key.keyId());
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(wrappingKey, "AES"), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(key.keyId().toString().getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(key.secret());
            return new Wrapped(own.publicKey(),
                    base64(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("wrapping failed", e);
        }
    }

    /**
     * The requester's side: the transit key, from the answer and the private half of the request's key pair.
     *
     * @throws MalformedMessageException when it does not unwrap (another request's answer, or altered)
     */
    public static TransitKey unwrap(String requesterPrivateKey, UUID keyId, Wrapped wrapped) {
        byte[] wrappingKey = wrappingKey(requesterPrivateKey, wrapped.senderPublicKey(), keyId);
        try {
            byte[] bytes = Base64.getDecoder().decode(wrapped.wrappedKey());
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(wrappingKey, "AES"),
                    new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
            cipher.updateAAD(keyId.toString().getBytes(StandardCharsets.UTF_8));
            return new TransitKey(keyId, cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new MalformedMessageException("a granted transit key does not unwrap");
        }
    }

    private static byte[] wrappingKey(String ownPrivate, String otherPublic, UUID keyId) {
        try {
            KeyFactory keys = KeyFactory.getInstance(CURVE);
            PrivateKey privateKey = keys.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(ownPrivate)));
            PublicKey publicKey = keys.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(otherPublic)));
            KeyAgreement agreement = KeyAgreement.getInstance(CURVE);
            agreement.init(privateKey);
            agreement.doPhase(publicKey, true);
            return hkdf(agreement.generateSecret(), keyId.toString().getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new MalformedMessageException("not an " + CURVE + " key");
        }
    }

    /** HKDF-SHA256 (RFC 5869) of 32 bytes: the key id as salt, so each key's wrapping key is its own. */
    private static byte[] hkdf(byte[] secret, byte[] salt) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(salt, "HmacSHA256"));
        byte[] pseudoRandomKey = mac.doFinal(secret);
        mac.init(new SecretKeySpec(pseudoRandomKey, "HmacSHA256"));
        mac.update(INFO);
        mac.update((byte) 1);
        return mac.doFinal(); // 32 bytes: one block is enough
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
