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

    public void record(AccessRecordedEvent record, String sourceAgency, UUID eventId) {
        jdbc.update("""
                insert into access_record (record_id, time, agency, user_id, role, client_id, categories, action,
                    purpose, consent_id, outcome, reason, source_agency, event_id)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (record_id) do nothing""",
                record.recordId(), Timestamp.from(record.time()), record.agency(), record.userId(), record.role(),
                record.clientId(), EnumCodes.join(record.categories()), record.action().name(),
                record.purpose() == null ? null : record.purpose().name(), record.consentId(),
                record.outcome().name(), record.reason(), sourceAgency, eventId);
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
        return jdbc.query(sql.toString(), (rs, i) -> new AccessRecordedEvent(
                rs.getObject("record_id", UUID.class), rs.getTimestamp("time").toInstant(), rs.getString("agency"),
                rs.getString("user_id"), rs.getString("role"), rs.getString("client_id"),
                EnumCodes.split(rs.getString("categories"), DataCategory.class),
                AccessAction.valueOf(rs.getString("action")),
                rs.getString("purpose") == null ? null : Purpose.valueOf(rs.getString("purpose")),
                rs.getObject("consent_id", UUID.class), AccessOutcome.valueOf(rs.getString("outcome")),
                rs.getString("reason")), args.toArray());
    }
}
