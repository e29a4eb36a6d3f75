package nl.ipsexchange.infra.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

class CachingMetaDataDeserializerTest {

    private final Serializer ours = EventStoreSerializers.json();
    private final Serializer axons = JacksonSerializer.builder().defaultTyping().build();

    @Test
    void readsStoredMetadataAsAxonsOwnDeserializerDoes() {
        // metadata as the event store holds it (written by Axon's serializer with default typing): ids, actor,
        // numbers of several types, a flag, a nested map and a list
        MetaData written = MetaData.with("correlationId", "7f1c3c1e-6f1d-4a4e-9d67-1f7b7c2d3e4f")
                .and("traceId", "b2b2d9c4-0000-4000-8000-000000000001")
                .and("actor", "mha.clinician")
                .and("attempt", 3)
                .and("sequence", 12_345_678_901L)
                .and("tariff", 62.5)
                .and("urgent", true)
                .and("scope", Map.of("category", "EMPLOYMENT", "until", "2027-01-01"))
                .and("recipients", List.of("BENEFITS", "MUNICIPALITY"));
        SerializedObject<byte[]> stored = axons.serialize(written, byte[].class);

        for (int read = 0; read < 3; read++) { // the second and third reads use the cached map deserializer
            MetaData ourRead = ours.deserialize(copy(stored));
            MetaData axonsRead = axons.deserialize(copy(stored));
            assertThat(ourRead).isEqualTo(axonsRead).isEqualTo(written);
            assertThat(ourRead.get("sequence")).isInstanceOf(Long.class);
            assertThat(ourRead.get("attempt")).isInstanceOf(Integer.class);
        }
    }

    @Test
    void readsEmptyMetadata() {
        SerializedObject<byte[]> stored = axons.serialize(MetaData.emptyInstance(), byte[].class);
        assertThat((MetaData) ours.deserialize(copy(stored))).isEmpty();
    }

    @Test
    void isTheDeserializerTheEventStoresMapperUsesForMetadata() throws Exception {
        ObjectMapper mapper = ((JacksonSerializer) ours).getObjectMapper();
        DeserializationConfig config = mapper.getDeserializationConfig();
        DefaultDeserializationContext context = ((DefaultDeserializationContext) mapper.getDeserializationContext())
                .createInstance(config, null, null);
        JsonDeserializer<Object> found = context.findRootValueDeserializer(mapper.constructType(MetaData.class));
        assertThat(found).isInstanceOf(CachingMetaDataDeserializer.class);
    }

    private static SerializedObject<byte[]> copy(SerializedObject<byte[]> stored) {
        byte[] data = new String(stored.getData(), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
        return new SimpleSerializedObject<>(data, byte[].class,
                new SimpleSerializedType(stored.getType().getName(), stored.getType().getRevision()));
    }
}
