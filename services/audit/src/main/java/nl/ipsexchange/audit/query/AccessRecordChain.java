package nl.ipsexchange.audit.query;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

import nl.ipsexchange.kernel.EnumCodes;
import nl.ipsexchange.kernel.audit.AccessRecordedEvent;

/**
 * The trail's tamper evidence: per source agency, every access record is chained to the one before it by an
 * HMAC-SHA256 over its content, its position and the previous record's id and hash. The key comes from the
 * environment ({@code IPS_AUDIT_CHAIN_KEY}), not from the database, so a change made directly in the database
 * cannot be covered up by recomputing hashes. {@link #verify()} walks every chain and names the first broken record.
 */
@Component
public class AccessRecordChain {

    static final String GENESIS = "0".repeat(64);
    private static final UUID NO_RECORD = new UUID(0, 0);

    private final JdbcTemplate jdbc;
    private final SecretKeySpec key;

    public AccessRecordChain(JdbcTemplate jdbc, @Value("${ips.audit.chain-key}") String key) {
        if (key == null || key.length() < 16) {
            throw new IllegalStateException("ips.audit.chain-key must be at least 16 characters");
        }
        this.jdbc = jdbc;
        this.key = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /**
     * The result of a verification: intact, how many records were checked, the first broken one and why. The API
     * answer always has {@code firstBrokenRecordId} ({@code http-api.md}: {@code {intact, checked,
     * firstBrokenRecordId}}), null when the trail is intact.
     */
    public record Verification(boolean intact, long checked,
                               @com.fasterxml.jackson.annotation.JsonInclude(
                                       com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS)
                               UUID firstBrokenRecordId, String agency, String reason) {
    }

    /**
     * Appends a record of the audit service's own (it never travelled, so it has no signature) to its chain, in the
     * caller's transaction. @return false if already present
     */
    public boolean append(AccessRecordedEvent record, String sourceAgency, UUID eventId) {
        return append(record, sourceAgency, eventId, null);
    }

    /**
     * Appends the record to its agency's chain, in the caller's transaction, with the signature of the message that
     * brought it (null: none). @return false if already present
     */
    public boolean append(AccessRecordedEvent record, String sourceAgency, UUID eventId, Signature signature) {
        jdbc.update("""
                insert into access_chain_head (source_agency, chain_position, record_id, record_hash)
                values (?, 0, ?, ?) on conflict (source_agency) do nothing""", sourceAgency, NO_RECORD, GENESIS);
        Head head = jdbc.queryForObject("""
                select chain_position, record_id, record_hash from access_chain_head where source_agency = ?
                for update""", (rs, i) -> new Head(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3)),
                sourceAgency);
        Integer present = jdbc.queryForObject("select count(*) from access_record where record_id = ?",
                Integer.class, record.recordId());
        if (present != null && present > 0) {
            return false;
        }
        Instant time = record.time().truncatedTo(ChronoUnit.MICROS);
        long position = head.position() + 1;
        String hash = hash(new Row(record.recordId(), time, record.agency(), record.userId(), record.role(),
                record.clientId(), EnumCodes.join(record.categories()), record.action().name(),
                record.purpose() == null ? null : record.purpose().name(),
                record.consentId(), record.outcome().name(), record.reason(), sourceAgency, position,
                head.recordId(), head.hash(), null));
        jdbc.update("""
                insert into access_record (record_id, time, agency, user_id, role, client_id, categories, action,
                    purpose, consent_id, outcome, reason, source_agency, event_id, chain_position,
                    previous_record_id, previous_hash, record_hash, signature, signing_key_id)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                record.recordId(), Timestamp.from(time), record.agency(), record.userId(), record.role(),
                record.clientId(), EnumCodes.join(record.categories()), record.action().name(),
                record.purpose() == null ? null : record.purpose().name(), record.consentId(),
                record.outcome().name(), record.reason(), sourceAgency, eventId, position, head.recordId(),
                head.hash(), hash, signature == null ? null : signature.base64(),
                signature == null ? null : signature.keyId());
        jdbc.update("""
                update access_chain_head set chain_position = ?, record_id = ?, record_hash = ?
                where source_agency = ?""", position, record.recordId(), hash, sourceAgency);
        return true;
    }

    /** The signature of the message that brought a record (base64) and the id of the key that made it. */
    public record Signature(String base64, String keyId) {
    }

    /** Walks every agency's chain from the start. */
    public Verification verify() {
        long checked = 0;
        for (Head head : jdbc.query("select * from access_chain_head order by source_agency",
                (rs, i) -> new Head(rs.getLong("chain_position"), rs.getObject("record_id", UUID.class),
                        rs.getString("record_hash"), rs.getString("source_agency")))) {
            Walker walker = new Walker();
            jdbc.query(con -> {
                // up to the head as read: records appended while verifying belong to the next verification
                var statement = con.prepareStatement("select * from access_record where source_agency = ? "
                        + "and chain_position <= ? order by chain_position, record_id");
                statement.setFetchSize(10_000);
                statement.setString(1, head.agency());
                statement.setLong(2, head.position());
                return statement;
            }, (RowCallbackHandler) walker);
            checked += walker.checked;
            if (walker.broken == null && (walker.position != head.position()
                    || !walker.previousId.equals(head.recordId()) || !walker.previousHash.equals(head.hash()))) {
                walker.broken = head.recordId();
                walker.reason = "the newest record of the chain is missing or altered";
            }
            if (walker.broken != null) {
                return new Verification(false, checked, walker.broken, head.agency(), walker.reason);
            }
        }
        return new Verification(true, checked, null, null, null);
    }

    private final class Walker implements RowCallbackHandler {
        long position;
        long checked;
        UUID previousId = NO_RECORD;
        String previousHash = GENESIS;
        UUID broken;
        String reason;

        @Override
        public void processRow(ResultSet rs) throws SQLException {
            if (broken != null) {
                return;
            }
            checked++;
            Row row = Row.of(rs);
            if (row.position() != position + 1 || !Objects.equals(row.previousRecordId(), previousId)
                    || !Objects.equals(row.previousHash(), previousHash)) {
                boolean missing = row.position() > position + 1 && row.previousRecordId() != null
                        && !row.previousRecordId().equals(previousId);
                broken = missing ? row.previousRecordId() : row.recordId();
                reason = missing ? "a record is missing from the chain" : "the record is out of its place in the chain";
            } else if (!hash(row).equals(row.storedHash())) {
                broken = row.recordId();
                reason = "the record's content does not match its hash";
            }
            position = row.position();
            previousId = row.recordId();
            previousHash = row.storedHash();
        }
    }

    private record Head(long position, UUID recordId, String hash, String agency) {
        Head(long position, UUID recordId, String hash) {
            this(position, recordId, hash, null);
        }
    }

    private record Row(UUID recordId, Instant time, String agency, String userId, String role, String clientId,
                       String categories, String action, String purpose, UUID consentId, String outcome,
                       String reason, String sourceAgency, long position, UUID previousRecordId,
                       String previousHash, String storedHash) {

        static Row of(ResultSet rs) throws SQLException {
            return new Row(rs.getObject("record_id", UUID.class), rs.getTimestamp("time").toInstant(),
                    rs.getString("agency"), rs.getString("user_id"), rs.getString("role"), rs.getString("client_id"),
                    rs.getString("categories"), rs.getString("action"), rs.getString("purpose"),
                    rs.getObject("consent_id", UUID.class), rs.getString("outcome"), rs.getString("reason"),
                    rs.getString("source_agency"), rs.getLong("chain_position"),
                    rs.getObject("previous_record_id", UUID.class), rs.getString("previous_hash"),
                    rs.getString("record_hash"));
        }

        String canonical() {
            return String.join("\u001f", List.of(recordId.toString(), time.toString(), agency, userId, text(role),
                    clientId, categories, action, text(purpose), consentId == null ? "" : consentId.toString(),
                    outcome, text(reason), sourceAgency, Long.toString(position), previousRecordId.toString(),
                    previousHash));
        }

        private static String text(String value) {
            return value == null ? "" : value;
        }
    }

    private String hash(Row row) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(row.canonical().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
