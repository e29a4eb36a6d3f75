package nl.ipsexchange.status;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

import nl.ipsexchange.kernel.Topics;
import nl.ipsexchange.kernel.messaging.EventEnvelope;
import nl.ipsexchange.platform.messaging.ReceivedEventRecorder;

/**
 * Keeps the de-identified status events of all agencies (topic {@code ips.status}) in this service's own
 * {@code status_event} table, for its decision makers, with the projections their measures read. Each row remembers
 * the event that produced it. The platform's inbound processing offers it what it receives
 * ({@link ReceivedEventRecorder}).
 */
public class StatusEventRecorder implements ReceivedEventRecorder {

    private final JdbcTemplate jdbc;

    public StatusEventRecorder(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean accepts(String topic) {
        return Topics.STATUS.equals(topic);
    }

    public void record(EventEnvelope envelope) {
        recordAll(List.of(envelope));
    }

    /**
     * Records status events and projects them for the measures (StatusProjection), in the caller's transaction: one
     * statement for a reader's poll (one round trip, not one per event), and four more when trajectory steps arrived;
     * an event recorded before stays as it was and is not projected again.
     *
     * @throws IllegalArgumentException when any of them carries personal data (none is recorded)
     */
    @Override
    public void recordAll(List<EventEnvelope> envelopes) {
        if (envelopes.isEmpty()) {
            return;
        }
        int n = envelopes.size();
        Object[] ids = new Object[n];
        Object[] types = new Object[n];
        Object[] sources = new Object[n];
        Object[] subjects = new Object[n];
        Object[] occurred = new Object[n];
        Object[] payloads = new Object[n];
        for (int i = 0; i < n; i++) {
            EventEnvelope envelope = envelopes.get(i);
            if (envelope.carriesPersonalData()) {
                throw new IllegalArgumentException("status events must not carry personal data");
            }
            ids[i] = envelope.eventId();
            types[i] = envelope.type();
            sources[i] = envelope.sourceAgency().name();
            subjects[i] = envelope.subject();
            occurred[i] = envelope.occurredAt().toString(); // ISO-8601 in UTC, read by PostgreSQL as timestamptz
            payloads[i] = envelope.payload().toString();
        }
        StatusProjection.recordAndProject(jdbc, """
                insert into status_event (event_id, event_type, source_agency, subject, occurred_at, payload)
                select e.event_id, e.event_type, e.source_agency, e.subject, e.occurred_at::timestamptz,
                       e.payload::jsonb
                from unnest(?::uuid[], ?::varchar[], ?::varchar[], ?::varchar[], ?::text[], ?::text[])
                     as e(event_id, event_type, source_agency, subject, occurred_at, payload)
                on conflict (event_id) do nothing""", (connection, statement) -> {
            statement.setArray(1, connection.createArrayOf("uuid", ids));
            statement.setArray(2, connection.createArrayOf("varchar", types));
            statement.setArray(3, connection.createArrayOf("varchar", sources));
            statement.setArray(4, connection.createArrayOf("varchar", subjects));
            statement.setArray(5, connection.createArrayOf("text", occurred));
            statement.setArray(6, connection.createArrayOf("text", payloads));
        });
    }
}
