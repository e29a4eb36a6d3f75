package nl.ipsexchange.audit.query;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.EnumCodes;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.audit.AccessAction;
import nl.ipsexchange.kernel.audit.AccessOutcome;
import nl.ipsexchange.kernel.audit.AccessRecordedEvent;

/** The confidentiality trail: every access record of every agency, queryable by client, user, agency, period. */
@Component
public class AccessRecordProjection {

    private final JdbcTemplate jdbc;

    public AccessRecordProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** What kind of anomaly an auditor asks for. */
    public enum Anomaly {
        /** Reads of a client's data at another agency than the mental health agency without a valid consent. */
        WITHOUT_CONSENT,
        /** Reads at an agency of data under a consent after that consent ended there (its erasure was recorded). */
        AFTER_REVOCATION
    }

    /**
     * Access records that show the anomaly, newest first. Neither walks the whole trail (ADR 24): reads without
     * valid consent come from a partial index that holds only them, and reads after a revocation are found from the
     * erasures forward, through each client's records.
     */
    public List<AccessRecordedEvent> anomalies(Anomaly anomaly, int limit) {
        return jdbc.query(anomalyQuery(anomaly), ROWS, limit);
    }

    /** The statement that finds an anomaly's records, its one parameter the limit (public for its plan's test). */
    public static String anomalyQuery(Anomaly anomaly) {
        return switch (anomaly) {
            // the condition is access_record_without_consent_idx's predicate, word for word
            case WITHOUT_CONSENT -> """
                    select r.* from access_record r
                    where action = 'VIEW' and agency <> 'MENTAL_HEALTH'
                    and (outcome = 'DENIED' and reason like '%consent%' or outcome = 'PERMITTED' and consent_id is null)
                    order by r.time desc, r.record_id limit ?""";
            // a read at an agency, at or after that agency erased the client's data under the consent it read under
            // (or under any consent, for a read without one); a read after two erasures is listed once
            case AFTER_REVOCATION -> """
                    select distinct on (r.time, r.record_id) r.* from access_record e
                    join access_record r on r.client_id = e.client_id and r.agency = e.agency and r.time >= e.time
                    where e.action = 'ERASE' and r.action = 'VIEW'
                    and (r.consent_id is null or r.consent_id = e.consent_id)
                    order by r.time desc, r.record_id limit ?""";
        };
    }

    public List<AccessRecordedEvent> find(FindAccessRecordsQuery query) {
        StringBuilder sql = new StringBuilder("select * from access_record where true");
        List<Object> args = new ArrayList<>();
        if (query.clientId() != null) {
            sql.append(" and client_id = ?");
            args.add(query.clientId());
        }
        if (query.userId() != null) {
            sql.append(" and user_id = ?");
            args.add(query.userId());
        }
        if (query.agency() != null) {
            sql.append(" and agency = ?");
            args.add(query.agency());
        }
        if (query.from() != null) {
            sql.append(" and time >= ?");
            args.add(Timestamp.from(query.from()));
        }
        if (query.to() != null) {
            sql.append(" and time < ?");
            args.add(Timestamp.from(query.to()));
        }
        sql.append(" order by time desc, record_id limit ?");
        args.add(query.limit());
        return jdbc.query(sql.toString(), ROWS, args.toArray());
    }

    private static final org.springframework.jdbc.core.RowMapper<AccessRecordedEvent> ROWS =
            (rs, i) -> new AccessRecordedEvent(
                rs.getObject("record_id", UUID.class), rs.getTimestamp("time").toInstant(), rs.getString("agency"),
                rs.getString("user_id"), rs.getString("role"), rs.getString("client_id"),
                EnumCodes.split(rs.getString("categories"), DataCategory.class),
                AccessAction.valueOf(rs.getString("action")),
                rs.getString("purpose") == null ? null : Purpose.valueOf(rs.getString("purpose")),
                rs.getObject("consent_id", UUID.class), AccessOutcome.valueOf(rs.getString("outcome")),
                rs.getString("reason"));
}
