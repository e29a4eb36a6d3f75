package nl.ipsexchange.sharing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;

import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.EnumCodes;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.sharing.InformationRequestAnsweredEvent;
import nl.ipsexchange.kernel.sharing.InformationRequestAnsweredEvent.Reason;
import nl.ipsexchange.kernel.sharing.InformationRequestedEvent;

/**
 * The information requests this agency sent to the mental health agency, and their answers
 * ({@code information_request_sent}).
 */
public class SentInformationRequests {

    private final JdbcTemplate jdbc;

    public SentInformationRequests(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A request sent and, once answered, its answer: the outcome and, unless all was granted, a coded reason. */
    public record SentRequest(String requestId, String clientId, Set<DataCategory> categories, Purpose purpose,
                              String requestedBy, Instant requestedAt, String outcome,
                              Set<DataCategory> grantedCategories, Reason reason) {
    }

    /** Keeps a request as sent, in the caller's transaction (the one that stores its event). */
    public void record(InformationRequestedEvent requested) {
        jdbc.update("""
                insert into information_request_sent (request_id, client_id, categories, purpose, requested_by,
                    requested_at, last_event_id) values (?, ?, ?, ?, ?, ?, ?)""",
                requested.requestId(), requested.clientId(), EnumCodes.join(requested.categories()),
                requested.purpose().name(), requested.requestedBy(), Timestamp.from(requested.requestedAt()),
                requested.requestId());
    }

    /** Records the answer with the request it answers; the id of the message that brought it marks the row. */
    public void answered(InformationRequestAnsweredEvent answer, String eventId) {
        jdbc.update("""
                update information_request_sent set outcome = ?, granted_categories = ?, reason = ?, last_event_id = ?
                where request_id = ?""", answer.outcome().name(), EnumCodes.join(answer.grantedCategories()),
                answer.reason() == null ? null : answer.reason().name(), eventId, answer.requestId());
    }

    /** Whether this agency sent a request with this id. */
    public boolean exists(String requestId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from information_request_sent where request_id = ?)", Boolean.class,
                requestId));
    }

    /**
     * Newest first, at most {@code limit} requests (and one more when more follow: the caller's sign that they do),
     * after the request {@code after} (from the newest when null): keyset paging on {@code (requested_at,
     * request_id)}, so a deep page costs what the first costs.
     */
    public List<SentRequest> newestFirst(String after, int limit) {
        if (after == null) {
            return jdbc.query("select * from information_request_sent order by requested_at desc, request_id desc "
                    + "limit ?", this::row, limit + 1);
        }
        return jdbc.query("""
                select * from information_request_sent
                where (requested_at, request_id) < (select requested_at, request_id from information_request_sent
                                                    where request_id = ?)
                order by requested_at desc, request_id desc limit ?""", this::row, after, limit + 1);
    }

    public List<SentRequest> oldestFirst() {
        return jdbc.query("select * from information_request_sent order by requested_at", this::row);
    }

    private SentRequest row(ResultSet rs, int i) throws SQLException {
        String granted = rs.getString("granted_categories");
        String reason = rs.getString("reason");
        return new SentRequest(rs.getString("request_id"), rs.getString("client_id"),
                EnumCodes.split(rs.getString("categories"), DataCategory.class),
                Purpose.valueOf(rs.getString("purpose")), rs.getString("requested_by"),
                rs.getTimestamp("requested_at").toInstant(), rs.getString("outcome"),
                granted == null ? null : EnumCodes.split(granted, DataCategory.class),
                reason == null ? null : Reason.valueOf(reason));
    }
}
