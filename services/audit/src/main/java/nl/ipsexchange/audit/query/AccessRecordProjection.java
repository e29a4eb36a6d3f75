package nl.ipsexchange.audit.query;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.EnumCodes;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.audit.AccessAction;
import nl.ipsexchange.kernel.audit.AccessOutcome;
import nl.ipsexchange.kernel.audit.AccessRecordedEvent;
import nl.ipsexchange.audit.query.AccessRecordQueries.FindAccessRecordsQuery;

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
        return anomalies(anomaly, null, limit);
    }

    /** The anomaly's records that come after the given one (null: from the newest), newest first. */
    public List<AccessRecordedEvent> anomalies(Anomaly anomaly, Position after, int limit) {
        return anomalies(anomaly, after, limit, ROWS);
    }

    /** {@link #anomalies(Anomaly, Position, int)} with each record's signature. */
    public List<SignedAccessRecord> signedAnomalies(Anomaly anomaly, Position after, int limit) {
        return anomalies(anomaly, after, limit, SIGNED_ROWS);
    }

    private <T> List<T> anomalies(Anomaly anomaly, Position after, int limit, RowMapper<T> rows) {
        List<Object> args = new ArrayList<>();
        String sql = anomalyQuery(anomaly, after == null ? "" : after.condition("r.", args));
        args.add(limit);
        return jdbc.query(sql, rows, args.toArray());
    }

    /**
     * An access record as the trail shows it: the record (with {@code consentIds}, every consent it rested on), its
     * first consent as {@code consentId} (the field {@code http-api.md} names; null when none), and the signature of
     * the message that brought it with the id of the key that made it (ADR 31); both null for the audit service's own
     * records and for records received before messages were signed.
     */
    public record SignedAccessRecord(@JsonUnwrapped AccessRecordedEvent record,
                                     @JsonInclude(JsonInclude.Include.ALWAYS) String signature,
                                     @JsonInclude(JsonInclude.Include.ALWAYS) String signatureKeyId) {

        @JsonProperty("consentId")
        @JsonInclude(JsonInclude.Include.ALWAYS)
        public UUID consentId() {
            return record.consentIds().isEmpty() ? null : record.consentIds().get(0);
        }
    }

    /** The statement that finds an anomaly's records, its one parameter the limit (public for its plan's test). */
    public static String anomalyQuery(Anomaly anomaly) {
        return anomalyQuery(anomaly, "");
    }

    private static String anomalyQuery(Anomaly anomaly, String andAfter) {
        return switch (anomaly) {
            // the condition is access_record_without_consent_idx's predicate, word for word
            case WITHOUT_CONSENT -> """
                    select r.* from access_record r
                    where action = 'VIEW' and agency <> 'MENTAL_HEALTH'
                    and (outcome = 'DENIED' and reason like '%consent%' or outcome = 'PERMITTED' and consent_id is null)
                    """ + andAfter + " order by r.time desc, r.record_id limit ?";
            // a read at an agency, at or after that agency erased the client's data under the consent it read under
            // (or under any consent, for a read without one); a read after two erasures is listed once
            case AFTER_REVOCATION -> """
                    select distinct on (r.time, r.record_id) r.* from access_record e
                    join access_record r on r.client_id = e.client_id and r.agency = e.agency and r.time >= e.time
                    where e.action = 'ERASE' and r.action = 'VIEW'
                    and (r.consent_id is null or r.consent_id = e.consent_id or e.consent_id = any(r.consent_ids))
                    """ + andAfter + " order by r.time desc, r.record_id limit ?";
        };
    }

    /**
     * A record's place in the trail's order, newest first and then by record id: where the next page begins
     * (keyset paging, ADR 27). A page after it costs what the first page costs, however deep it is.
     */
    public record Position(Instant time, UUID recordId) {

        /** {@code and} the condition that a row of {@code table} (a prefix such as {@code "r."}) comes after this. */
        String condition(String table, List<Object> args) {
            Timestamp at = Timestamp.from(time);
            // the first comparison alone is what an index on time serves; the second orders records of one instant
            args.add(at);
            args.add(at);
            args.add(recordId);
            return " and " + table + "time <= ? and (" + table + "time < ? or " + table + "record_id > ?)";
        }
    }

    /** Where the record with this id is in the trail's order; empty when the trail has no such record. */
    public Optional<Position> position(UUID recordId) {
        return jdbc.query("select time from access_record where record_id = ?",
                (rs, i) -> new Position(rs.getTimestamp("time").toInstant(), recordId), recordId).stream().findFirst();
    }

    public List<AccessRecordedEvent> find(FindAccessRecordsQuery query) {
        return find(query, ROWS);
    }

    /** {@link #find(FindAccessRecordsQuery)} with each record's signature. */
    public List<SignedAccessRecord> findSigned(FindAccessRecordsQuery query) {
        return find(query, SIGNED_ROWS);
    }

    private <T> List<T> find(FindAccessRecordsQuery query, RowMapper<T> rows) {
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
        if (query.after() != null) {
            sql.append(query.after().condition("", args));
        }
        sql.append(" order by time desc, record_id limit ?");
        args.add(query.limit());
        return jdbc.query(sql.toString(), rows, args.toArray());
    }

    private static final RowMapper<AccessRecordedEvent> ROWS =
            (rs, i) -> new AccessRecordedEvent(
                rs.getObject("record_id", UUID.class), rs.getTimestamp("time").toInstant(), rs.getString("agency"),
                rs.getString("user_id"), rs.getString("role"), rs.getString("client_id"),
                EnumCodes.split(rs.getString("categories"), DataCategory.class),
                AccessAction.valueOf(rs.getString("action")),
                rs.getString("purpose") == null ? null : Purpose.valueOf(rs.getString("purpose")),
                AccessRecordChain.consentsOf(rs), AccessOutcome.valueOf(rs.getString("outcome")),
                rs.getString("reason"));

    private static final RowMapper<SignedAccessRecord> SIGNED_ROWS = (rs, i) -> new SignedAccessRecord(
            ROWS.mapRow(rs, i), rs.getString("signature"), rs.getString("signing_key_id"));
}
