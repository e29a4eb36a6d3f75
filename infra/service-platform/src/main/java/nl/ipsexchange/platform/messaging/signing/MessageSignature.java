package nl.ipsexchange.platform.messaging.signing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * An Ed25519 signature of one Kafka record and the id of the key that made it, carried in the record's headers
 * (the envelope JSON is what is signed, not where the signature goes). What is signed is the topic and the value's
 * bytes exactly as sent ({@link #signedContent}): a signed message cannot be moved to another topic, and not one byte
 * of it can change.
 *
 * @param keyId     the signing key's id as the header gives it (arbitrary text on a forged message: see
 *                  {@link #printableKeyId})
 * @param signature the signature's bytes
 */
public record MessageSignature(String keyId, byte[] signature) {

    /** The record header holding the signature's 64 bytes. */
    public static final String HEADER_SIGNATURE = "ips-signature";
    /** The record header holding the signing key's id (UTF-8). */
    public static final String HEADER_KEY_ID = "ips-signature-key-id";

    private static final byte[] CONTEXT = "ips-exchange envelope signature v1".getBytes(StandardCharsets.UTF_8);
    private static final Pattern PRINTABLE_KEY_ID = Pattern.compile("[A-Za-z0-9._:@/+=-]{1,100}");

    /** The signature on a record; empty when the record has no signature header (its key id may be missing). */
    public static Optional<MessageSignature> of(Headers headers) {
        Header signature = headers.lastHeader(HEADER_SIGNATURE);
        if (signature == null || signature.value() == null) {
            return Optional.empty();
        }
        Header keyId = headers.lastHeader(HEADER_KEY_ID);
        return Optional.of(new MessageSignature(keyId == null || keyId.value() == null ? null
                : new String(keyId.value(), StandardCharsets.UTF_8), signature.value()));
    }

    /** Puts this signature into a record's headers, replacing any there. */
    public void addTo(Headers headers) {
        headers.remove(HEADER_SIGNATURE).remove(HEADER_KEY_ID)
                .add(HEADER_SIGNATURE, signature)
                .add(HEADER_KEY_ID, keyId.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The key id fit for a log line, a page or a column: as given when it looks like a key id, otherwise a
     * placeholder (a forger chooses this text).
     */
    public String printableKeyId() {
        return keyId != null && PRINTABLE_KEY_ID.matcher(keyId).matches() ? keyId : "(unreadable key id)";
    }

    public String base64() {
        return Base64.getEncoder().encodeToString(signature);
    }

    /**
     * The bytes a signature covers: a fixed context, the topic's length and name, then the value. The length keeps
     * topic and value apart, the context keeps these signatures from meaning anything elsewhere.
     */
    static byte[] signedContent(String topic, byte[] value) {
        byte[] name = topic.getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[CONTEXT.length + 4 + name.length + value.length];
        System.arraycopy(CONTEXT, 0, content, 0, CONTEXT.length);
        int at = CONTEXT.length;
        content[at++] = (byte) (name.length >>> 24);
        content[at++] = (byte) (name.length >>> 16);
        content[at++] = (byte) (name.length >>> 8);
        content[at++] = (byte) name.length;
        System.arraycopy(name, 0, content, at, name.length);
        System.arraycopy(value, 0, content, at + name.length, value.length);
        return content;
    }
}
