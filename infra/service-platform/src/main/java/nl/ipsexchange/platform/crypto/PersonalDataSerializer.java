package nl.ipsexchange.platform.crypto;

import java.util.Iterator;
import java.util.Map;

import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The event store's serializer with crypto-shredding: for an event marked {@link PersonalData}, the marked fields
 * leave the JSON and are stored as one ciphertext ({@value #SEALED}) under the client's key for the category
 * ({@link ClientDataCipher#keyId}); everything else (ids, types, amounts of the funder's own accounting) stays as
 * it was. Reading opens them again, or, when the key has been destroyed, leaves them out, so the event is read
 * with those fields null and never fails. Events stored before their type was marked (plain JSON) read unchanged.
 */
public class PersonalDataSerializer implements Serializer {

    /** The JSON property holding the sealed fields. */
    public static final String SEALED = "sealedPersonalData";

    private final Serializer delegate;
    private final ClientDataCipher cipher;
    private final ObjectMapper json = new ObjectMapper();

    public PersonalDataSerializer(Serializer delegate, ClientDataCipher cipher) {
        this.delegate = delegate;
        this.cipher = cipher;
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        PersonalData marked = object == null ? null : object.getClass().getAnnotation(PersonalData.class);
        if (marked == null) {
            return delegate.serialize(object, expectedRepresentation);
        }
        SerializedObject<JsonNode> plain = delegate.serialize(object, JsonNode.class);
        ObjectNode node = ((ObjectNode) plain.getData()).deepCopy();
        ObjectNode personal = json.createObjectNode();
        for (String field : marked.fields()) {
            JsonNode value = node.remove(field);
            if (value != null && !value.isNull()) {
                personal.set(field, value);
            }
        }
        if (!personal.isEmpty()) {
            node.put(SEALED, cipher.encrypt(keyId(node, marked), personal.toString()));
        }
        return new SimpleSerializedObject<>(getConverter().convert(node, JsonNode.class, expectedRepresentation),
                expectedRepresentation, plain.getType());
    }

    @Override
    public <S, T> T deserialize(SerializedObject<S> serializedObject) {
        Class<?> type = classForType(serializedObject.getType());
        PersonalData marked = type == null ? null : type.getAnnotation(PersonalData.class);
        if (marked == null) {
            return delegate.deserialize(serializedObject);
        }
        JsonNode stored = getConverter().convert(serializedObject.getData(), serializedObject.getContentType(),
                JsonNode.class);
        if (!stored.has(SEALED)) {
            return delegate.deserialize(serializedObject); // stored before the type was marked: plain
        }
        ObjectNode node = ((ObjectNode) stored).deepCopy();
        String sealed = node.remove(SEALED).asText();
        cipher.decrypt(keyId(node, marked), sealed).ifPresent(opened -> {
            try {
                for (Iterator<Map.Entry<String, JsonNode>> fields = json.readTree(opened).fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    node.set(field.getKey(), field.getValue());
                }
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("sealed personal data is not JSON", e);
            }
        });
        return delegate.deserialize(new SimpleSerializedObject<>(node, JsonNode.class, serializedObject.getType()));
    }

    private static String keyId(JsonNode event, PersonalData marked) {
        JsonNode clientId = event.get("clientId");
        if (clientId == null || !clientId.isTextual()) {
            throw new IllegalStateException("an event with personal data names its clientId");
        }
        return ClientDataCipher.keyId(clientId.asText(), marked.category());
    }

    @Override
    public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
        return delegate.canSerializeTo(expectedRepresentation);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class classForType(SerializedType type) {
        return delegate.classForType(type);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public SerializedType typeForClass(Class type) {
        return delegate.typeForClass(type);
    }

    @Override
    public Converter getConverter() {
        return delegate.getConverter();
    }
}
