package nl.ipsexchange.platform.status;

import java.sql.Timestamp;

import org.springframework.jdbc.core.JdbcTemplate;

import nl.ipsexchange.kernel.Topics;
import nl.ipsexchange.kernel.messaging.EventEnvelope;

/**
 * Keeps the de-identified status events of all agencies (topic {@code ips.status}) in this service's own
 * {@code status_event} table, for its decision makers. Each row remembers the event that produced it.
 */
public class StatusEventRecorder {

    private final JdbcTemplate jdbc;

    public StatusEventRecorder(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public boolean accepts(String topic) {
        return Topics.STATUS.equals(topic);
    }

    public void record(EventEnvelope envelope) {
        if (envelope.carriesPersonalData()) {
            throw new IllegalArgumentException("status events must not carry personal data");
        }
        jdbc.update("""
                insert into status_event (event_id, event_type, source_agency, subject, occurred_at, payload)
                values (?, ?, ?, ?, ?, cast(? as jsonb)) on conflict (event_id) do nothing""",
                envelope.eventId(), envelope.type(), envelope.sourceAgency().name(), envelope.subject(),
                Timestamp.from(envelope.occurredAt()), envelope.payload().toString());
    }
}
