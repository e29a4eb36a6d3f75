package nl.ipsexchange.platform.status;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

/** Counts of de-identified status events by type, per period. */
public class StatusQueries {

    private final JdbcTemplate jdbc;

    public StatusQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record StatusSummary(LocalDate from, LocalDate to, Map<String, Long> eventCounts, long total) {
    }

    /** Counts per event type with {@code from <= occurredAt < to + 1 day}; open ends when {@code null}. */
    public StatusSummary summary(LocalDate from, LocalDate to) {
        Instant start = from == null ? Instant.EPOCH : from.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = to == null ? Instant.parse("9999-12-31T00:00:00Z")
                : to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.query("""
                select event_type, count(*) from status_event
                where occurred_at >= ? and occurred_at < ?
                group by event_type order by event_type""",
                rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                },
                java.sql.Timestamp.from(start), java.sql.Timestamp.from(end));
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        return new StatusSummary(from, to, counts, total);
    }
}
