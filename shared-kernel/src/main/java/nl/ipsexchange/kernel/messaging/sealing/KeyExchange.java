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
 * Keys travel as base64 of their standard encodings (X.509 public, PKCS#8 private). The same primitive ({@link #seal},
 * {@link #open}) seals access records for the audit service's static key ({@link AuditSealing}, ADR 37).
 */
public final class KeyExchange {

    private static final String CURVE = "X25519";
    private static final byte[] TRANSIT_KEY = "ips-exchange transit key v1".getBytes(StandardCharsets.UTF_8);
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
        byte[] keyId = key.keyId().toString().getBytes(StandardCharsets.UTF_8);
        return seal(requesterPublicKey, new Context(TRANSIT_KEY, keyId, keyId), key.secret());
    }

    /**
     * The requester's side: the transit key, from the answer and the private half of the request's key pair.
     *
     * @throws MalformedMessageException when it does not unwrap (another request's answer, or altered)
     */
    public static TransitKey unwrap(String requesterPrivateKey, UUID keyId, Wrapped wrapped) {
        byte[] id = keyId.toString().getBytes(StandardCharsets.UTF_8);
        try {
            return new TransitKey(keyId, open(requesterPrivateKey, new Context(TRANSIT_KEY, id, id), wrapped));
        } catch (MalformedMessageException e) {
            throw new MalformedMessageException("a granted transit key does not unwrap");
        }
    }

    /**
     * What a sealed text is bound to: {@code info} names its use (a key of one use never opens another's text),
     * {@code salt} goes into the key's derivation, {@code associatedData} is authenticated with the text (AES-GCM).
     */
    public record Context(byte[] info, byte[] salt, byte[] associatedData) {
    }

    /**
     * Seals {@code plaintext} for the holder of {@code recipientPublicKey}'s private half (ECIES): a key pair made for
     * this one text (X25519), HKDF-SHA256 of the two keys' shared secret, AES-256-GCM. Only the public half of the
     * one-time pair is kept, with the text; its private half is gone when this returns.
     */
    public static Wrapped seal(String recipientPublicKey, Context context, byte[] plaintext) {
        Ephemeral own = ephemeral();
        byte[] key = sharedKey(own.privateKey(), recipientPublicKey, context);
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(context.associatedData());
            byte[] sealed = cipher.doFinal(plaintext);
            return new Wrapped(own.publicKey(),
                    base64(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing failed", e);
        }
    }

    /**
     * Opens what {@link #seal} sealed, with the private half of the recipient's key pair.
     *
     * @throws MalformedMessageException when it does not open: another key, another context, or altered
     */
    public static byte[] open(String recipientPrivateKey, Context context, Wrapped sealed) {
        byte[] key = sharedKey(recipientPrivateKey, sealed.senderPublicKey(), context);
        try {
            byte[] bytes = Base64.getDecoder().decode(sealed.wrappedKey());
            if (bytes.length < IV_BYTES + TAG_BITS / 8) {
                throw new MalformedMessageException("a sealed text too short to be one");
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
                    new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
            cipher.updateAAD(context.associatedData());
            return cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new MalformedMessageException("a sealed text does not open with this key");
        }
    }

    private static byte[] sharedKey(String ownPrivate, String otherPublic, Context context) {
        try {
            KeyFactory keys = KeyFactory.getInstance(CURVE);
            PrivateKey privateKey = keys.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(ownPrivate)));
            PublicKey publicKey = keys.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(otherPublic)));
            KeyAgreement agreement = KeyAgreement.getInstance(CURVE);
            agreement.init(privateKey);
            agreement.doPhase(publicKey, true);
            return hkdf(agreement.generateSecret(), context.salt(), context.info());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new MalformedMessageException("not an " + CURVE + " key");
        }
    }

    /** HKDF-SHA256 (RFC 5869) of 32 bytes; a transit key's id is its salt, so each key's wrapping key is its own. */
    private static byte[] hkdf(byte[] secret, byte[] salt, byte[] info) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(salt, "HmacSHA256"));
        byte[] pseudoRandomKey = mac.doFinal(secret);
        mac.init(new SecretKeySpec(pseudoRandomKey, "HmacSHA256"));
        mac.update(info);
        mac.update((byte) 1);
        return mac.doFinal(); // 32 bytes: one block is enough
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
