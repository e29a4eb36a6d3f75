package nl.ipsexchange.kernel.messaging.sealing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import nl.ipsexchange.kernel.messaging.EventEnvelope;
import nl.ipsexchange.kernel.messaging.MalformedMessageException;

/**
 * Seals an access record for the audit service alone, and opens it there (ADR 37). The whole payload is sealed with
 * {@link KeyExchange#seal} for the audit service's public X25519 key: {@code {"sealedRecord":{"keyId":..,
 * "senderPublicKey":..,"wrappedKey":..}}}, the envelope's id, type, schema version and source (and the key id) as
 * associated data, so a sealed record moved to another envelope does not open. The envelope's subject, the client id
 * in the clear, becomes the event id: nothing on the topic names the client, and no two records share a sequence.
 */
public final class AuditSealing {

    public static final String SEALED_RECORD = "sealedRecord";
    private static final byte[] INFO = "ips-exchange access record v1".getBytes(StandardCharsets.UTF_8);

    private final ObjectMapper mapper = new ObjectMapper();

    /** The audit service's public key that records are sealed for, and the id it is known by (for rotation). */
    public record AuditKey(String keyId, String publicKey) {
        public AuditKey {
            Objects.requireNonNull(keyId, "keyId");
            Objects.requireNonNull(publicKey, "publicKey");
        }
    }

    /** A sealed record as it travels: the audit key's id, the one-time public key and the sealed JSON. */
    public record SealedRecord(String keyId, String senderPublicKey, String wrappedKey) {
    }

    /** Whether the envelope's payload is a record sealed for the audit service. */
    public static boolean isSealed(EventEnvelope envelope) {
        return envelope.payload().has(SEALED_RECORD);
    }

    /** The envelope with its payload sealed for {@code key}, and its subject replaced by its event id. */
    public EventEnvelope seal(EventEnvelope envelope, AuditKey key) {
        EventEnvelope anonymous = withPayload(envelope, envelope.eventId().toString(), envelope.payload());
        byte[] plaintext;
        try {
            plaintext = mapper.writeValueAsBytes(envelope.payload());
        } catch (IOException e) {
            throw new IllegalStateException("cannot write an access record", e);
        }
        KeyExchange.Wrapped sealed = KeyExchange.seal(key.publicKey(), context(key.keyId(), anonymous), plaintext);
        ObjectNode payload = mapper.createObjectNode();
        payload.set(SEALED_RECORD, mapper.valueToTree(new SealedRecord(key.keyId(), sealed.senderPublicKey(),
                sealed.wrappedKey())));
        return withPayload(anonymous, anonymous.subject(), payload);
    }

    /**
     * The envelope with its payload opened by the private key {@code privateKeys} holds under the record's key id
     * (base64 PKCS#8); the subject stays the event id.
     *
     * @throws AuditKeyMissingException  when the record is sealed for a key not held here (the setting lacks it)
     * @throws MalformedMessageException when it does not open with that key (altered, or moved from another envelope)
     */
    public EventEnvelope open(EventEnvelope envelope, Function<String, Optional<String>> privateKeys) {
        SealedRecord sealed;
        try {
            sealed = mapper.treeToValue(envelope.payload().get(SEALED_RECORD), SealedRecord.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new MalformedMessageException(envelope.type() + " has an unreadable sealed record");
        }
        if (sealed == null || sealed.keyId() == null || sealed.senderPublicKey() == null
                || sealed.wrappedKey() == null) {
            throw new MalformedMessageException(envelope.type() + " has an incomplete sealed record");
        }
        String privateKey = privateKeys.apply(sealed.keyId())
                .orElseThrow(() -> new AuditKeyMissingException(sealed.keyId()));
        byte[] plaintext;
        try {
            plaintext = KeyExchange.open(privateKey, context(sealed.keyId(), envelope),
                    new KeyExchange.Wrapped(sealed.senderPublicKey(), sealed.wrappedKey()));
        } catch (MalformedMessageException e) {
            // names neither the key nor the content
            throw new MalformedMessageException(envelope.type() + " has a sealed record that does not open with "
                    + "its key");
        }
        try {
            JsonNode payload = mapper.readTree(plaintext);
            if (!(payload instanceof ObjectNode)) {
                throw new MalformedMessageException(envelope.type() + " has a sealed record that is not an object");
            }
            return withPayload(envelope, envelope.subject(), payload);
        } catch (IOException e) {
            throw new MalformedMessageException(envelope.type() + " has a sealed record that is not JSON");
        }
    }

    private static KeyExchange.Context context(String keyId, EventEnvelope envelope) {
        byte[] associatedData = String.join("|", keyId, envelope.eventId().toString(), envelope.type(),
                Integer.toString(envelope.schemaVersion()), envelope.sourceAgency().name(), envelope.subject())
                .getBytes(StandardCharsets.UTF_8);
        return new KeyExchange.Context(INFO, envelope.eventId().toString().getBytes(StandardCharsets.UTF_8),
                associatedData);
    }

    private static EventEnvelope withPayload(EventEnvelope envelope, String subject, JsonNode payload) {
        return new EventEnvelope(envelope.eventId(), envelope.type(), envelope.schemaVersion(),
                envelope.sourceAgency(), subject, envelope.occurredAt(), envelope.consent(), payload);
    }

    /** A record sealed for an audit key this service does not hold: retried, then kept apart until it is given. */
    public static final class AuditKeyMissingException extends RuntimeException {

        private final String keyId;

        public AuditKeyMissingException(String keyId) {
            super("an access record is sealed for audit key " + printable(keyId) + ", which this service does not "
                    + "hold (ips.audit-sealing.private-keys)", null, false, false);
            this.keyId = keyId;
        }

        public String keyId() {
            return keyId;
        }

        private static String printable(String keyId) {
            return keyId.matches("[A-Za-z0-9._:@/+-]{1,100}") ? keyId : "(an unreadable id)";
        }
    }
}
