package nl.ipsexchange.mha.messaging;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The access records in the mental health agency's event store, where its access recorder writes them. */
final class StoredAccessRecords {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StoredAccessRecords() {
    }

    /** The records about the client that {@code which} selects, in the order they were stored. */
    static List<JsonNode> about(JdbcTemplate jdbc, String clientId, Predicate<JsonNode> which) {
        List<JsonNode> found = new ArrayList<>();
        for (String payload : jdbc.queryForList("""
                select convert_from(payload, 'UTF8') from domain_event_entry
                where payload_type like '%AccessRecordedEvent' order by global_index""", String.class)) {
            try {
                JsonNode record = JSON.readTree(payload);
                if (record.get("clientId").asText().equals(clientId) && which.test(record)) {
                    found.add(record);
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return found;
    }
}
