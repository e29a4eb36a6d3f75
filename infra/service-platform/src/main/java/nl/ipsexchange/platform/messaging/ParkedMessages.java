package nl.ipsexchange.platform.messaging;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import nl.ipsexchange.kernel.messaging.EventEnvelope;
import nl.ipsexchange.platform.crypto.ClientDataCipher;
import nl.ipsexchange.platform.messaging.signing.MessageSignature;

/**
 * The table of inbound messages that could not be handled, parked per client ("sequence"): while a client's
 * sequence holds a parked message, every later message about that client is parked behind it, in order, and other
 * clients' messages keep flowing. Personal data in a parked message is encrypted with the client's data key, so
 * crypto-shredding reaches parked copies too. Only metadata is ever shown.
 *
 * <p>A message refused on receipt (not signed by the agency it claims to come from) is kept here too, without its
 * content (that stays on its topic), under a sequence of its own ({@value #REFUSED_SEQUENCE}{@code <event id>}, so that
 * a forgery holds up no client) and is never retried: an administrator sees it, and discards it once looked into.
 *
 * <p>All methods run in the caller's transaction; {@link #lockSequence} serialises the consumer and a retry of the
 * same sequence.
 */
public class ParkedMessages {

    /** What became of a parked message. */
    public enum Outcome { RETRIED, DISCARDED, ERASED, KEY_REFUSED }

    /** The sequence of a refused message begins with this, followed by its event id. */
    public static final String REFUSED_SEQUENCE = "refused:";

    /**
     * A parked message as administrators see it: no content. {@code refused}: refused on receipt for its signature
     * (never retried); {@code signingKeyId}: the key it was signed with, as its header gave it.
     */
    public record ParkedMessage(long id, UUID eventId, String sequenceKey, String topic, String eventType,
                                String sourceAgency, String reason, int attempts, Instant parkedAt,
                                Instant lastAttemptAt, boolean refused, String signingKeyId) {
    }

    /** A resolution as administrators see it. */
    public record Resolution(UUID eventId, String sequenceKey, String eventType, Outcome outcome, String resolvedBy,
                             String reason, Instant resolvedAt) {
    }

    /**
     * A parked message with its content and the signature it came with (null: none), for a retry; empty content when
     * the client's key was destroyed.
     */
    record Stored(ParkedMessage metadata, Optional<byte[]> message, MessageSignature signature) {
    }

    private final JdbcTemplate jdbc;
    private final ClientDataCipher cipher;
    private final Clock clock;

    public ParkedMessages(JdbcTemplate jdbc, ClientDataCipher cipher, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** Holds the sequence's lock until the current transaction ends. */
    void lockSequence(String sequenceKey) {
        jdbc.queryForList("select pg_advisory_xact_lock(hashtextextended(?, 7160))", sequenceKey);
    }

    /**
     * Locks the sequences for the rest of the caller's transaction, as {@link #lockSequence} does each (in key order),
     * and only then reads which of them hold parked messages: one round trip for a whole poll.
     */
    Set<String> lockSequencesAndFindParked(Collection<String> sequenceKeys) {
        return new HashSet<>(jdbc.query("select * from lock_sequences_and_find_parked(?)",
                statement -> statement.setArray(1, statement.getConnection().createArrayOf("text",
                        sequenceKeys.toArray())),
                (row, i) -> row.getString(1)));
    }

    public boolean isParked(String sequenceKey) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from parked_message where sequence_key = ?)", Boolean.class, sequenceKey));
    }

    /**
     * Parks a message (once: a redelivered message that is already parked stays where it is), with the signature it
     * came with, so that a retry verifies it again.
     */
    void park(String topic, EventEnvelope envelope, byte[] message, MessageSignature signature, String reason) {
        park(topic, envelope, message, signature, reason, null);
    }

    /** Parks a message that waits for the sender's answer about a transit key. */
    void park(String topic, EventEnvelope envelope, byte[] message, MessageSignature signature, String reason,
              UUID awaitedKey) {
        boolean personal = envelope.consent() != null;
        byte[] stored = personal
                ? cipher.encrypt(envelope.subject(), Base64.getEncoder().encodeToString(message))
                        .getBytes(StandardCharsets.US_ASCII)
                : message;
        insert(new Row(envelope, envelope.subject(), topic, personal, stored, signature, reason, false,
                awaitedKey));
    }

    /**
     * Keeps a refused message's metadata (once per event id) under a sequence of its own; not its content, which no
     * one may act on.
     */
    void parkRefused(String topic, EventEnvelope claimed, MessageSignature signature, String reason) {
        insert(new Row(claimed, REFUSED_SEQUENCE + claimed.eventId(), topic, false, new byte[0], signature, reason,
                true, null));
    }

    private record Row(EventEnvelope envelope, String sequenceKey, String topic, boolean encrypted, byte[] message,
                       MessageSignature signature, String reason, boolean refused, UUID awaitedKey) {
    }

    private void insert(Row row) {
        // a refused copy never takes the place of the genuine message with the same event id, nor the other way round
        jdbc.update("""
                insert into parked_message (event_id, sequence_key, topic, event_type, source_agency, encrypted,
                                            message, reason, attempts, parked_at, refused, signature, signing_key_id,
                                            awaited_key_id)
                values (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?) on conflict (event_id, refused) do nothing""",
                row.envelope().eventId(), row.sequenceKey(), row.topic(), row.envelope().type(),
                row.envelope().sourceAgency().name(), row.encrypted(), row.message(), truncate(row.reason()),
                Timestamp.from(clock.instant()), row.refused(),
                row.signature() == null ? null : row.signature().signature(),
                row.signature() == null ? null : row.signature().printableKeyId(), row.awaitedKey());
    }

    /** The head of a sequence now waits for the sender's answer about a transit key. */
    void awaitKey(ParkedMessage message, UUID awaitedKey, String reason) {
        jdbc.update("update parked_message set awaited_key_id = ?, reason = ? where id = ?", awaitedKey,
                truncate(reason), message.id());
    }

    /** The parked messages that wait for the answer about this transit key. */
    List<Stored> awaiting(UUID keyId) {
        return jdbc.query("select * from parked_message where awaited_key_id = ? order by id", this::stored, keyId);
    }

    /** The oldest parked message of the sequence, with its content. */
    Optional<Stored> head(String sequenceKey) {
        return jdbc.query("select * from parked_message where sequence_key = ? order by id limit 1",
                this::stored, sequenceKey).stream().findFirst();
    }

    /** A row with its content (opened where it was stored encrypted) and the signature it came with. */
    private Stored stored(ResultSet rs, int row) throws SQLException {
        ParkedMessage metadata = metadata().mapRow(rs, row);
        byte[] stored = rs.getBytes("message");
        Optional<byte[]> message = rs.getBoolean("encrypted")
                ? cipher.decrypt(metadata.sequenceKey(), new String(stored, StandardCharsets.US_ASCII))
                        .map(Base64.getDecoder()::decode)
                : Optional.of(stored);
        byte[] signature = rs.getBytes("signature");
        return new Stored(metadata, message, signature == null ? null
                : new MessageSignature(rs.getString("signing_key_id"), signature));
    }

    /** Removes a parked message and records what became of it. */
    Resolution resolve(ParkedMessage message, Outcome outcome, String user, String reason) {
        Resolution resolution = new Resolution(message.eventId(), message.sequenceKey(), message.eventType(), outcome,
                user, truncate(reason), clock.instant());
        jdbc.update("delete from parked_message where id = ?", message.id());
        jdbc.update("""
                insert into parked_message_resolution (event_id, sequence_key, event_type, outcome, resolved_by,
                                                       reason, resolved_at)
                values (?, ?, ?, ?, ?, ?, ?)""", resolution.eventId(), resolution.sequenceKey(),
                resolution.eventType(), outcome.name(), user, resolution.reason(),
                Timestamp.from(resolution.resolvedAt()));
        return resolution;
    }

    void recordFailedAttempt(String sequenceKey, String reason) {
        jdbc.update("""
                update parked_message set attempts = attempts + 1, reason = ?, last_attempt_at = ?
                where id = (select min(id) from parked_message where sequence_key = ?)""",
                truncate(reason), Timestamp.from(clock.instant()), sequenceKey);
    }

    public Optional<ParkedMessage> find(UUID eventId) {
        // the genuine message first, should a refused copy carry the same event id
        return jdbc.query("select * from parked_message where event_id = ? order by refused, id limit 1", metadata(),
                eventId).stream().findFirst();
    }

    public List<ParkedMessage> all() {
        return jdbc.query("select * from parked_message order by sequence_key, id limit 1000", metadata());
    }

    public long count() {
        Long count = jdbc.queryForObject("select count(*) from parked_message", Long.class);
        return count == null ? 0 : count;
    }

    public int countIn(String sequenceKey) {
        Integer count = jdbc.queryForObject("select count(*) from parked_message where sequence_key = ?",
                Integer.class, sequenceKey);
        return count == null ? 0 : count;
    }

    public List<Resolution> resolutions() {
        return jdbc.query("select * from parked_message_resolution order by resolved_at desc, id desc limit 200",
                (rs, i) -> new Resolution(rs.getObject("event_id", UUID.class), rs.getString("sequence_key"),
                        rs.getString("event_type"), Outcome.valueOf(rs.getString("outcome")),
                        rs.getString("resolved_by"), rs.getString("reason"),
                        rs.getTimestamp("resolved_at").toInstant()));
    }

    private static RowMapper<ParkedMessage> metadata() {
        return (rs, i) -> {
            Timestamp last = rs.getTimestamp("last_attempt_at");
            return new ParkedMessage(rs.getLong("id"), rs.getObject("event_id", UUID.class),
                    rs.getString("sequence_key"), rs.getString("topic"), rs.getString("event_type"),
                    rs.getString("source_agency"), rs.getString("reason"), rs.getInt("attempts"),
                    rs.getTimestamp("parked_at").toInstant(), last == null ? null : last.toInstant(),
                    rs.getBoolean("refused"), rs.getString("signing_key_id"));
        };
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 1000 ? text : text.substring(0, 1000);
    }
}
