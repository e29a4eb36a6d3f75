package nl.ipsexchange.kernel.messaging.sealing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.messaging.EventEnvelope;
import nl.ipsexchange.kernel.messaging.IntegrationEventCatalog;
import nl.ipsexchange.kernel.messaging.MalformedMessageException;
import nl.ipsexchange.kernel.sharing.ClientDataSharedEvent;

/**
 * Seals the personal payload of an envelope per data category, and opens it again. An envelope that carries
 * personal data (it has a consent reference) leaves its sender with a payload of sealed parts only:
 * {@code {"sealed":[{"category":..,"keyId":..,"data":..}]}}. Each part is the JSON of that category's share of the
 * payload, AES-256-GCM encrypted under the transit key of (client, recipient, category), with the key id, the
 * category, the envelope's subject and its type as associated data: a part moved to another envelope, client or
 * category does not open. What a category's share is: for {@code ClientDataShared} the category's field (with the
 * client id); for any other personal event, which carries exactly one category, the whole payload.
 *
 * <p>The other way round, a recipient writing back to the agency that gave it the keys (a funder's meeting decision to
 * the client's provider, ADR 51), seals its whole payload for that issuer with a key it received:
 * {@code {"sealedForIssuer":{"category":..,"keyId":..,"data":..}}}, under a subject that is not the client id. The
 * issuer opens it with its own copy of the key, only when it issued that key to the envelope's signed source for the
 * client the payload names; once it has destroyed the key, the message can no longer be read by anyone.
 */
public final class EnvelopeSealing {

    public static final String SEALED = "sealed";
    public static final String SEALED_FOR_ISSUER = "sealedForIssuer";

    private static final String SHARED = IntegrationEventCatalog.typeOf(ClientDataSharedEvent.class);
    private static final String CLIENT_ID = "clientId";
    private static final Map<DataCategory, String> SHARED_FIELDS = new EnumMap<>(Map.of(
            DataCategory.IDENTIFICATION, "identification",
            DataCategory.BENEFITS, "benefits",
            DataCategory.EMPLOYMENT, "employment",
            DataCategory.HEALTH_SUMMARY, "healthSummary",
            DataCategory.DIAGNOSIS, "diagnosis",
            DataCategory.TREATMENT, "treatment"));
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final ObjectMapper mapper = new ObjectMapper();
    private final SecureRandom random = new SecureRandom();

    /** Whether the envelope's payload is sealed. */
    public static boolean isSealed(EventEnvelope envelope) {
        return envelope.payload().has(SEALED);
    }

    /** Whether the envelope's payload is sealed for the agency that issued its key. */
    public static boolean isSealedForIssuer(EventEnvelope envelope) {
        return envelope.payload().has(SEALED_FOR_ISSUER);
    }

    /**
     * The envelope with its whole payload sealed for the agency that issued {@code held} to this one, and
     * {@code subject} as its subject (and so its Kafka key) instead of the client id, which travels sealed. The
     * envelope's id, type, schema version, source and subject are associated data: moved to another envelope, or sent
     * under another agency's signature, it does not open.
     *
     * @throws IllegalArgumentException when the envelope carries a consent reference (that is sealed for its
     *                                  recipient, {@link #seal}), or its payload names no client
     */
    public EventEnvelope sealForIssuer(EventEnvelope envelope, String subject, HeldTransitKey held) {
        if (envelope.carriesPersonalData()) {
            throw new IllegalArgumentException("a message under a consent is sealed for its recipient");
        }
        if (!(envelope.payload() instanceof ObjectNode payload) || !payload.path(CLIENT_ID).isTextual()) {
            throw new IllegalArgumentException(envelope.type() + " names no client to seal it for");
        }
        EventEnvelope moved = new EventEnvelope(envelope.eventId(), envelope.type(), envelope.schemaVersion(),
                envelope.sourceAgency(), subject, envelope.occurredAt(), null, payload);
        UUID keyId = held.key().keyId();
        ObjectNode sealed = mapper.createObjectNode();
        sealed.set(SEALED_FOR_ISSUER, mapper.valueToTree(new SealedPart(held.category(), keyId,
                encrypt(held.key().secret(), issuerAssociatedData(keyId, held.category(), moved), json(payload)))));
        return withPayload(moved, sealed);
    }

    /**
     * The envelope with its payload sealed for its issuer opened, with the key {@code issued} names under the
     * sealed part's key id.
     *
     * @throws TransitKeyDestroyedException when this agency issued the key and has destroyed it since (nothing of the
     *                                      message can be read any more)
     * @throws MalformedMessageException    when the key was not issued here, or not to the envelope's source, or not
     *                                      for the category the part names, or the part does not open with it, or it
     *                                      opens to a payload about another client than the key's
     */
    public EventEnvelope openWithIssuedKey(EventEnvelope envelope,
                                           Function<UUID, Optional<IssuedTransitKey>> issued) {
        String type = envelope.type();
        if (envelope.carriesPersonalData()) {
            throw new MalformedMessageException(type + " is sealed for its issuer under a consent reference");
        }
        SealedPart part;
        try {
            part = mapper.treeToValue(envelope.payload().get(SEALED_FOR_ISSUER), SealedPart.class);
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            throw new MalformedMessageException(type + " has an unreadable sealed part");
        }
        if (part == null) {
            throw new MalformedMessageException(type + " has an unreadable sealed part");
        }
        IssuedTransitKey key = issued.apply(part.keyId()).orElseThrow(() -> new MalformedMessageException(
                type + " is sealed with a key this agency did not issue"));
        if (key.recipient() != envelope.sourceAgency() || key.category() != part.category()) {
            throw new MalformedMessageException(type + " is sealed with a key this agency issued to another agency "
                    + "or for another category");
        }
        TransitKey secret = key.key().orElseThrow(() -> new TransitKeyDestroyedException(type));
        JsonNode payload = tree(decrypt(secret.secret(), issuerAssociatedData(part.keyId(), part.category(),
                envelope), part.data(), type), type);
        if (!key.clientId().equals(payload.path(CLIENT_ID).asText(null))) {
            throw new MalformedMessageException(type + " is sealed with a key of another client");
        }
        return withPayload(envelope, payload);
    }

    /**
     * The envelope with its personal payload sealed, each category under the key {@code keys} gives for it.
     *
     * @throws IllegalArgumentException when the envelope is not personal, or its payload holds a field of a category
     *                                  its consent reference does not name (it would leave in the clear)
     */
    public EventEnvelope seal(EventEnvelope envelope, Function<DataCategory, TransitKey> keys) {
        if (!envelope.carriesPersonalData()) {
            throw new IllegalArgumentException("only personal data is sealed");
        }
        ArrayNode parts = mapper.createArrayNode();
        for (Map.Entry<DataCategory, ObjectNode> share : shares(envelope).entrySet()) {
            DataCategory category = share.getKey();
            TransitKey key = keys.apply(category);
            byte[] plaintext = json(share.getValue());
            parts.add(mapper.valueToTree(new SealedPart(category, key.keyId(),
                    encrypt(key.secret(), associatedData(key.keyId(), category, envelope), plaintext))));
        }
        ObjectNode sealed = mapper.createObjectNode();
        sealed.set(SEALED, parts);
        return withPayload(envelope, sealed);
    }

    /** The sealed parts of an envelope (empty when it is not sealed). */
    public List<SealedPart> parts(EventEnvelope envelope) {
        if (!isSealed(envelope)) {
            return List.of();
        }
        try {
            List<SealedPart> parts = new ArrayList<>();
            for (JsonNode part : envelope.payload().get(SEALED)) {
                parts.add(mapper.treeToValue(part, SealedPart.class));
            }
            return parts;
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            throw new MalformedMessageException(envelope.type() + " has an unreadable sealed part");
        }
    }

    /**
     * The envelope with its payload opened, each part with the key that {@code keys} holds under its id.
     *
     * @throws TransitKeyMissingException when keys of some parts are not held here (nothing is opened)
     * @throws MalformedMessageException  when the sealed parts do not match the consent reference's categories, or a
     *                                    part does not open with its key (altered, or moved from another envelope)
     */
    public EventEnvelope open(EventEnvelope envelope, Function<UUID, Optional<byte[]>> keys) {
        List<SealedPart> parts = parts(envelope);
        if (!envelope.carriesPersonalData()) {
            throw new MalformedMessageException(envelope.type() + " is sealed without a consent reference");
        }
        Set<DataCategory> sealedCategories = EnumSet.noneOf(DataCategory.class);
        parts.forEach(part -> sealedCategories.add(part.category()));
        if (parts.size() != sealedCategories.size() || !sealedCategories.equals(envelope.consent().categories())) {
            throw new MalformedMessageException(envelope.type()
                    + " is sealed in other categories than its consent reference names");
        }
        Map<SealedPart, byte[]> held = new LinkedHashMap<>();
        List<SealedPart> missing = new ArrayList<>();
        for (SealedPart part : parts) {
            keys.apply(part.keyId()).ifPresentOrElse(key -> held.put(part, key), () -> missing.add(part));
        }
        if (!missing.isEmpty()) {
            throw new TransitKeyMissingException(missing);
        }
        ObjectNode payload = mapper.createObjectNode();
        for (Map.Entry<SealedPart, byte[]> part : held.entrySet()) {
            SealedPart sealed = part.getKey();
            byte[] plaintext = decrypt(part.getValue(), associatedData(sealed.keyId(), sealed.category(), envelope),
                    sealed.data(), envelope.type());
            JsonNode share = tree(plaintext, envelope.type());
            Iterator<Map.Entry<String, JsonNode>> fields = share.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                payload.set(field.getKey(), field.getValue());
            }
        }
        return withPayload(envelope, payload);
    }

    /** Each category's share of the payload. */
    private Map<DataCategory, ObjectNode> shares(EventEnvelope envelope) {
        Set<DataCategory> categories = envelope.consent().categories();
        if (!(envelope.payload() instanceof ObjectNode payload)) {
            throw new IllegalArgumentException(envelope.type() + " payload is not a JSON object");
        }
        Map<DataCategory, ObjectNode> shares = new EnumMap<>(DataCategory.class);
        if (SHARED.equals(envelope.type())) {
            Iterator<String> names = payload.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!name.equals(CLIENT_ID) && !payload.get(name).isNull() && SHARED_FIELDS.entrySet().stream()
                        .noneMatch(f -> f.getValue().equals(name) && categories.contains(f.getKey()))) {
                    throw new IllegalArgumentException(envelope.type() + " holds " + name
                            + ", which its consent reference does not name");
                }
            }
            for (DataCategory category : categories) {
                ObjectNode share = mapper.createObjectNode();
                share.set(CLIENT_ID, payload.get(CLIENT_ID));
                share.set(SHARED_FIELDS.get(category), payload.get(SHARED_FIELDS.get(category)));
                shares.put(category, share);
            }
            return shares;
        }
        if (categories.size() != 1) {
            throw new IllegalArgumentException(envelope.type() + " must carry exactly one category to be sealed");
        }
        shares.put(categories.iterator().next(), payload.deepCopy());
        return shares;
    }

    private static byte[] associatedData(UUID keyId, DataCategory category, EventEnvelope envelope) {
        return String.join("|", keyId.toString(), category.name(), envelope.subject(), envelope.type())
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Apart from a recipient's parts ({@link #associatedData}): a part sealed one way does not open the other. */
    private static byte[] issuerAssociatedData(UUID keyId, DataCategory category, EventEnvelope envelope) {
        return String.join("|", "for-issuer", keyId.toString(), category.name(), envelope.eventId().toString(),
                envelope.type(), String.valueOf(envelope.schemaVersion()), envelope.sourceAgency().name(),
                envelope.subject()).getBytes(StandardCharsets.UTF_8);
    }

    private String encrypt(byte[] key, byte[] associatedData, byte[] plaintext) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData);
            byte[] sealed = cipher.doFinal(plaintext);
            return Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing failed", e);
        }
    }

    private static byte[] decrypt(byte[] key, byte[] associatedData, String data, String type) {
        try {
            byte[] bytes = Base64.getDecoder().decode(data);
            if (bytes.length < IV_BYTES + TAG_BITS / 8) {
                throw new MalformedMessageException(type + " has a sealed part too short to be one");
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
                    new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // names neither the key nor the content
            throw new MalformedMessageException(type + " has a sealed part that does not open with its key");
        }
    }

    private byte[] json(JsonNode node) {
        try {
            return mapper.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a sealed part", e);
        }
    }

    private JsonNode tree(byte[] json, String type) {
        try {
            JsonNode node = mapper.readTree(json);
            if (!(node instanceof ObjectNode)) {
                throw new MalformedMessageException(type + " has a sealed part that is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new MalformedMessageException(type + " has a sealed part that is not JSON");
        }
    }

    private static EventEnvelope withPayload(EventEnvelope envelope, JsonNode payload) {
        return new EventEnvelope(envelope.eventId(), envelope.type(), envelope.schemaVersion(),
                envelope.sourceAgency(), envelope.subject(), envelope.occurredAt(), envelope.consent(), payload);
    }
}
