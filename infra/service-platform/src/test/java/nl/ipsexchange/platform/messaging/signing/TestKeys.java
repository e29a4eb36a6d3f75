package nl.ipsexchange.platform.messaging.signing;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.messaging.EnvelopeCodec;
import nl.ipsexchange.kernel.messaging.MalformedMessageException;
import nl.ipsexchange.platform.messaging.InboundMessageProcessor;

/** Keys of the tests' own, made once per run: one per agency, each known as {@code test-<agency>}. */
public final class TestKeys {

    private static final Map<Agency, KeyPair> PAIRS = new EnumMap<>(Agency.class);
    private static final EnvelopeCodec CODEC = new EnvelopeCodec();

    static {
        for (Agency agency : Agency.values()) {
            PAIRS.put(agency, generate());
        }
    }

    private TestKeys() {
    }

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static MessageSigner signer(Agency agency) {
        return new MessageSigner("test-" + agency.slug(), agency.name(), PAIRS.get(agency).getPrivate());
    }

    public static MessageVerifier.TrustedKey trusted(Agency agency) {
        return new MessageVerifier.TrustedKey("test-" + agency.slug(), agency.name(), PAIRS.get(agency).getPublic());
    }

    /** Trusts every agency's test key, and the extra keys given. */
    public static MessageVerifier verifier(MessageVerifier.TrustedKey... extra) {
        List<MessageVerifier.TrustedKey> keys = new ArrayList<>();
        for (Agency agency : Agency.values()) {
            keys.add(trusted(agency));
        }
        keys.addAll(List.of(extra));
        return new MessageVerifier(keys);
    }

    /** The message as it arrives, signed by the agency its envelope names (unreadable: by the MHA). */
    public static InboundMessageProcessor.Delivered delivered(String topic, byte[] message) {
        Agency source;
        try {
            source = CODEC.decode(message).sourceAgency();
        } catch (MalformedMessageException unreadable) {
            source = Agency.MENTAL_HEALTH;
        }
        return signedBy(signer(source), topic, message);
    }

    public static InboundMessageProcessor.Delivered signedBy(MessageSigner signer, String topic, byte[] message) {
        return new InboundMessageProcessor.Delivered(topic, message, signer.sign(topic, message));
    }
}
