package nl.ipsexchange.platform.messaging;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;

import nl.ipsexchange.kernel.messaging.EventEnvelope;

/**
 * The ids of the inbound messages handled so far ({@code processed_message}), recorded in the transaction that
 * handles them: what makes a redelivery (after a crash or a rebalance) a no-op.
 */
final class ProcessedMessages {

    /** A message to be recorded as processed: the topic it came from and its envelope. */
    record Received(String topic, EventEnvelope envelope) {
    }

    private final JdbcTemplate jdbc;

    ProcessedMessages(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    boolean contains(UUID eventId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from processed_message where event_id = ?)", Boolean.class, eventId));
    }

    /** Records one message as processed, in the caller's transaction. */
    Set<UUID> record(String topic, EventEnvelope envelope) {
        return record(List.of(new Received(topic, envelope)));
    }

    /**
     * Records the messages' event ids as processed, in one statement, in the caller's transaction.
     *
     * @return the ids recorded now (a mutable set); an id recorded before (a redelivery) is absent, and so is every
     * copy but the first of an id that the list holds more than once
     */
    Set<UUID> record(List<Received> received) {
        Map<UUID, Received> distinct = new LinkedHashMap<>();
        received.forEach(message -> distinct.putIfAbsent(message.envelope().eventId(), message));
        if (distinct.isEmpty()) {
            return new HashSet<>();
        }
        int n = distinct.size();
        Object[] ids = new Object[n];
        Object[] types = new Object[n];
        Object[] sources = new Object[n];
        Object[] topics = new Object[n];
        int i = 0;
        for (Received message : distinct.values()) {
            ids[i] = message.envelope().eventId();
            types[i] = message.envelope().type();
            sources[i] = message.envelope().sourceAgency().name();
            topics[i++] = message.topic();
        }
        return new HashSet<>(jdbc.query(connection -> {
            var statement = connection.prepareStatement("""
                    insert into processed_message (event_id, event_type, source_agency, topic, processed_at)
                    select m.event_id, m.event_type, m.source_agency, m.topic, now()
                    from unnest(?::uuid[], ?::varchar[], ?::varchar[], ?::varchar[])
                         as m(event_id, event_type, source_agency, topic)
                    on conflict (event_id) do nothing
                    returning event_id""");
            statement.setArray(1, connection.createArrayOf("uuid", ids));
            statement.setArray(2, connection.createArrayOf("varchar", types));
            statement.setArray(3, connection.createArrayOf("varchar", sources));
            statement.setArray(4, connection.createArrayOf("varchar", topics));
            return statement;
        }, (row, rowNumber) -> row.getObject(1, UUID.class)));
    }
}
