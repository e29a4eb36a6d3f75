package nl.ipsexchange.infra.eventstore;

import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Events, tokens and messages as JSON with their own object mapper, so that the web layer's strictness (unknown
 * fields refused) never stops an old event from being read.
 */
public final class EventStoreSerializers {

    private EventStoreSerializers() {
    }

    public static Serializer json() {
        ObjectMapper mapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(mapper).defaultTyping().build();
        CachingMetaDataDeserializer.registerOn(mapper); // after Axon's own, so that it takes precedence
        return serializer;
    }
}
