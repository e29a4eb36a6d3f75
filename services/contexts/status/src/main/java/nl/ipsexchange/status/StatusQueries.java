package nl.ipsexchange.status;

import java.sql.Date;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

/** Counts of de-identified status events by type, per period, from their counts per day (StatusProjection). */
public class StatusQueries {

    private final JdbcTemplate jdbc;

    public StatusQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record StatusSummary(LocalDate from, LocalDate to, Map<String, Long> eventCounts, long total) {
    }

    /** Counts per event type with {@code from <= occurredAt < to + 1 day} (UTC); open ends when {@code null}. */
    public StatusSummary summary(LocalDate from, LocalDate to) {
        LocalDate start = from == null ? LocalDate.EPOCH : from;
        LocalDate end = to == null ? LocalDate.of(9999, 12, 31) : to;
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.query("""
                select event_type, sum(events) from status_event_day where day between ? and ?
                group by event_type order by event_type""",
                rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                },
                Date.valueOf(start), Date.valueOf(end));
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        return new StatusSummary(from, to, counts, total);
    }
}
