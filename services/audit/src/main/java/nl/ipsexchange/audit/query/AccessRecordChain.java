package nl.ipsexchange.audit.query;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import nl.ipsexchange.kernel.EnumCodes;
import nl.ipsexchange.kernel.audit.AccessRecordedEvent;

/**
 * The trail's tamper evidence: per source agency, every access record is chained to the one before it by an
 * HMAC-SHA256 over its content, its position and the previous record's id and hash. The key comes from the
 * environment ({@code IPS_AUDIT_CHAIN_KEY}), not from the database, so a change made directly in the database
 * cannot be covered up by recomputing hashes; outside the demo profile a missing or published key is refused.
 * {@link #verify(List)} walks every chain, compares it with what was witnessed of it before (ADR 32) and names the
 * first broken record of each chain.
 */
@Component
public class AccessRecordChain {

    /** The setting that holds the chain's key. */
    public static final String CHAIN_KEY = "ips.audit.chain-key";
    static final String GENESIS = "0".repeat(64);
    /**
     * What a new record's hash covers: version 2, every consent id; version 1 (records stored before access records
     * named several consents) only {@code consent_id}. Each record is verified by the version it was hashed with.
     */
    static final int HASH_VERSION = 2;
    private static final UUID NO_RECORD = new UUID(0, 0);

    private final JdbcTemplate jdbc;
    private final SecretKeySpec key;

    private final TransactionTemplate snapshot;

    public AccessRecordChain(JdbcTemplate jdbc, PlatformTransactionManager transactions, Environment environment) {
        this.jdbc = jdbc;
        this.key = key(environment);
        // the heads and the records as of one moment: a record after its head is then a head moved back, not an
        // append that happened while the chain was walked
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
    }

    /**
     * The result of a verification: intact, how many records were checked, the first broken one, its chain and why.
     * The API answer always has {@code firstBrokenRecordId} ({@code http-api.md}: {@code {intact, checked,
     * firstBrokenRecordId}}), null when the trail is intact; {@code chains} says what was found in each chain, and
     * {@code checkpoint} what the verification compared with outside the database (ADR 32).
     */
    public record Verification(boolean intact, long checked, @JsonInclude(JsonInclude.Include.ALWAYS)
                               UUID firstBrokenRecordId, String agency, String reason, List<ChainResult> chains,
                               String checkpoint) {

        public Verification {
            chains = List.copyOf(chains);
        }

        /** The chains whose heads this verification found intact: what the next one must find again, or more. */
        public List<ChainHead> intactHeads() {
            return chains.stream().filter(ChainResult::intact)
                    .map(chain -> new ChainHead(chain.chain(), chain.records(), chain.headPosition(),
                            chain.headRecordId(), chain.headHash()))
                    .toList();
        }

        Verification withCheckpoint(String note) {
            return new Verification(intact, checked, firstBrokenRecordId, agency, reason, chains, note);
        }
    }

    /**
     * One chain as a verification found it: its records and head, and when it is not intact the first broken record
     * and what is wrong, in plain words.
     */
    public record ChainResult(String chain, long records, long headPosition, UUID headRecordId,
                              @JsonIgnore String headHash, boolean intact, UUID brokenRecordId, String problem) {
    }

    /** What a chain was witnessed to hold earlier, and by whom ("the verification of ...", "the checkpoint of ..."). */
    public record Witness(String by, ChainHead head) {
    }

    /** The chain's key from configuration: refused when missing, shorter than 16 characters or published. */
    public static SecretKeySpec key(Environment environment) {
        String key = AuditSecrets.require(environment, CHAIN_KEY);
        if (key.length() < 16) {
            throw new IllegalStateException(CHAIN_KEY + " must be at least 16 characters");
        }
        return new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
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
        UUID firstConsent = record.consentIds().isEmpty() ? null : record.consentIds().get(0);
        String hash = hash(new Row(record.recordId(), time, record.agency(), record.userId(), record.role(),
                record.clientId(), EnumCodes.join(record.categories()), record.action().name(),
                record.purpose() == null ? null : record.purpose().name(),
                firstConsent, record.consentIds(), record.outcome().name(), record.reason(), sourceAgency, position,
                head.recordId(), head.hash(), null, HASH_VERSION));
        jdbc.update("""
                insert into access_record (record_id, time, agency, user_id, role, client_id, categories, action,
                    purpose, consent_id, consent_ids, outcome, reason, source_agency, event_id, chain_position,
                    previous_record_id, previous_hash, record_hash, signature, signing_key_id, hash_version)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::uuid[], ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                record.recordId(), Timestamp.from(time), record.agency(), record.userId(), record.role(),
                record.clientId(), EnumCodes.join(record.categories()), record.action().name(),
                record.purpose() == null ? null : record.purpose().name(), firstConsent,
                "{" + String.join(",", record.consentIds().stream().map(UUID::toString).toList()) + "}",
                record.outcome().name(), record.reason(), sourceAgency, eventId, position, head.recordId(),
                head.hash(), hash, signature == null ? null : signature.base64(),
                signature == null ? null : signature.keyId(), HASH_VERSION);
        jdbc.update("""
                update access_chain_head set chain_position = ?, record_id = ?, record_hash = ?
                where source_agency = ?""", position, record.recordId(), hash, sourceAgency);
        return true;
    }

    /**
     * The consents a stored record names, as its hash covers them: all of {@code consent_ids} for a record of hash
     * version 2, {@code consent_id} for one of version 1 (stored before records named several).
     */
    public static List<UUID> consentsOf(ResultSet rs) throws SQLException {
        if (rs.getInt("hash_version") == 2) {
            Array ids = rs.getArray("consent_ids");
            return ids == null ? List.of() : AccessRecordedEvent.ordered(Arrays.asList((UUID[]) ids.getArray()));
        }
        UUID consentId = rs.getObject("consent_id", UUID.class);
        return consentId == null ? List.of() : List.of(consentId);
    }

    /** The signature of the message that brought a record (base64) and the id of the key that made it. */
    public record Signature(String base64, String keyId) {
    }

    /**
     * Walks every chain from the start, in one snapshot of the database, and compares each with what the witnesses
     * saw of it earlier: a chain that now holds fewer records, whose head is older, or that no longer passes through
     * the witnessed head, is not intact and named. A chain a witness saw but the database no longer has is walked and
     * reported too.
     */
    public Verification verify(List<Witness> witnesses) {
        return snapshot.execute(status -> {
            Map<String, Head> heads = new TreeMap<>();
            for (Head head : jdbc.query("select * from access_chain_head order by source_agency",
                    (rs, i) -> new Head(rs.getLong("chain_position"), rs.getObject("record_id", UUID.class),
                            rs.getString("record_hash"), rs.getString("source_agency")))) {
                heads.put(head.agency(), head);
            }
            Map<String, List<Witness>> witnessed = new TreeMap<>();
            for (Witness witness : witnesses) {
                witnessed.computeIfAbsent(witness.head().chain(), chain -> new ArrayList<>()).add(witness);
                heads.putIfAbsent(witness.head().chain(), null);
            }
            List<ChainResult> chains = new ArrayList<>();
            for (Map.Entry<String, Head> chain : heads.entrySet()) {
                chains.add(verify(chain.getKey(), chain.getValue(), witnessed.getOrDefault(chain.getKey(), List.of())));
            }
            long checked = chains.stream().mapToLong(ChainResult::records).sum();
            ChainResult broken = chains.stream().filter(chain -> !chain.intact()).findFirst().orElse(null);
            return broken == null ? new Verification(true, checked, null, null, null, chains, null)
                    : new Verification(false, checked, broken.brokenRecordId(), broken.chain(), broken.problem(),
                    chains, null);
        });
    }

    /** Walks every chain without comparing it with anything seen before. */
    public Verification verify() {
        return verify(List.of());
    }

    /**
     * Each chain's head now, where the chain runs on intact from the witnessed head to it: only the records after the
     * witnessed head are walked (a chain without one is walked whole). A chain that does not run on intact from its
     * witnessed head (a record edited, deleted or moved, the head moved back) keeps the witnessed head: what is
     * published from this never goes back, and the next verification names the problem.
     */
    public List<ChainHead> extend(List<ChainHead> witnessed) {
        return snapshot.execute(status -> {
            Map<String, ChainHead> heads = new TreeMap<>();
            witnessed.forEach(head -> heads.put(head.chain(), head));
            for (Head head : jdbc.query("select * from access_chain_head order by source_agency",
                    (rs, i) -> new Head(rs.getLong("chain_position"), rs.getObject("record_id", UUID.class),
                            rs.getString("record_hash"), rs.getString("source_agency")))) {
                ChainHead from = heads.get(head.agency());
                ChainHead extended = extend(head, from);
                if (extended != null) {
                    heads.put(head.agency(), extended);
                }
            }
            return List.copyOf(heads.values());
        });
    }

    /** The chain's head if the chain runs on intact from {@code from} (null: from its start) to it, else null. */
    private ChainHead extend(Head head, ChainHead from) {
        Walker walker = new Walker(List.of(), head.position());
        if (from != null) {
            Integer witnessedThere = jdbc.queryForObject("""
                    select count(*) from access_record where source_agency = ? and chain_position = ?
                    and record_id = ? and record_hash = ?""", Integer.class, head.agency(), from.position(),
                    from.recordId(), from.hash());
            if (witnessedThere == null || witnessedThere != 1) {
                return null;
            }
            walker.position = from.position();
            walker.previousId = from.recordId();
            walker.previousHash = from.hash();
        }
        jdbc.query(con -> {
            var statement = con.prepareStatement("select * from access_record where source_agency = ? "
                    + "and chain_position > ? order by chain_position, record_id");
            statement.setFetchSize(10_000);
            statement.setString(1, head.agency());
            statement.setLong(2, from == null ? 0 : from.position());
            return statement;
        }, (RowCallbackHandler) walker);
        if (walker.broken == null) {
            headProblem(head, walker);
        }
        return walker.broken != null ? null : new ChainHead(head.agency(),
                (from == null ? 0 : from.records()) + walker.checked, walker.position, walker.previousId,
                walker.previousHash);
    }

    private ChainResult verify(String chain, Head head, List<Witness> witnesses) {
        if (head == null && !witnesses.isEmpty()) {
            // the whole chain is gone, head and all: what the witnesses saw names it
            Walker gone = new Walker(witnesses, Long.MAX_VALUE);
            witnessProblem(witnesses, gone);
            if (gone.broken != null) {
                return new ChainResult(chain, 0, 0, null, null, false, gone.broken, gone.reason);
            }
        }
        Walker walker = new Walker(witnesses, head == null ? Long.MAX_VALUE : head.position());
        jdbc.query(con -> {
            // every record of the chain in this snapshot: one after the head means the head was moved back
            var statement = con.prepareStatement("select * from access_record where source_agency = ? "
                    + "order by chain_position, record_id");
            statement.setFetchSize(10_000);
            statement.setString(1, chain);
            return statement;
        }, (RowCallbackHandler) walker);
        if (walker.broken == null) {
            headProblem(head, walker);
        }
        if (walker.broken == null) {
            witnessProblem(witnesses, walker);
        }
        return new ChainResult(chain, walker.checked, walker.position, walker.position == 0 ? null : walker.previousId,
                walker.previousHash, walker.broken == null, walker.broken, walker.reason);
    }

    private static void headProblem(Head head, Walker walker) {
        if (head == null) {
            walker.fail(walker.previousId, "the chain's head is missing from the database");
        } else if (walker.position > head.position()) {
            walker.fail(walker.afterHead != null ? walker.afterHead : walker.previousId, "the chain holds "
                    + (walker.position - head.position()) + " record(s) after its head (position " + head.position()
                    + "): the head was moved back to an older record");
        } else if (walker.position < head.position()) {
            walker.fail(head.recordId(), "the newest record(s) of the chain are missing: it ends at position "
                    + walker.position + " but its head is at position " + head.position());
        } else if (!walker.previousId.equals(head.recordId()) || !walker.previousHash.equals(head.hash())) {
            walker.fail(head.recordId(), "the chain's head does not match its newest record");
        }
    }

    private static void witnessProblem(List<Witness> witnesses, Walker walker) {
        for (Witness witness : witnesses) {
            ChainHead seen = witness.head();
            if (walker.checked < seen.records()) {
                walker.fail(seen.recordId(), "the chain holds " + walker.checked + " record(s), fewer than the "
                        + seen.records() + " that " + witness.by() + " saw: records were deleted (truncated)");
            } else if (walker.position < seen.position()) {
                walker.fail(seen.recordId(), "the chain's head (position " + walker.position + ") is older than "
                        + "the head at position " + seen.position() + " that " + witness.by() + " saw: the chain "
                        + "was rewound");
            } else if (!walker.witnessedHeadsFound.contains(witness)) {
                walker.fail(seen.recordId(), "the chain no longer passes through the head (position "
                        + seen.position() + ") that " + witness.by() + " saw: it was rewritten after it");
            } else {
                continue;
            }
            return;
        }
    }

    private final class Walker implements RowCallbackHandler {
        private final List<Witness> witnesses;
        final Set<Witness> witnessedHeadsFound = new HashSet<>();
        long position;
        long checked;
        UUID previousId = NO_RECORD;
        String previousHash = GENESIS;
        UUID afterHead;
        UUID broken;
        String reason;

        private final long headPosition;

        Walker(List<Witness> witnesses, long headPosition) {
            this.witnesses = witnesses;
            this.headPosition = headPosition;
        }

        void fail(UUID record, String why) {
            broken = record;
            reason = why;
        }

        @Override
        public void processRow(ResultSet rs) throws SQLException {
            checked++;
            if (broken != null) {
                return;
            }
            Row row = Row.of(rs);
            if (row.position() == headPosition + 1) {
                afterHead = row.recordId();
            }
            if (row.position() != position + 1 || !Objects.equals(row.previousRecordId(), previousId)
                    || !Objects.equals(row.previousHash(), previousHash)) {
                boolean missing = row.position() > position + 1 && row.previousRecordId() != null
                        && !row.previousRecordId().equals(previousId);
                fail(missing ? row.previousRecordId() : row.recordId(), missing
                        ? "a record is missing from the chain (deleted) before position " + row.position()
                        : "the record at position " + row.position() + " is out of its place in the chain "
                        + "(reordered or moved)");
            } else if (!hash(row).equals(row.storedHash())) {
                fail(row.recordId(), "the content of the record at position " + row.position()
                        + " does not match its hash (edited)");
            }
            for (Witness witness : witnesses) {
                if (witness.head().position() == row.position() && witness.head().recordId().equals(row.recordId())
                        && witness.head().hash().equals(row.storedHash())) {
                    witnessedHeadsFound.add(witness);
                }
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
                       String categories, String action, String purpose, UUID consentId, List<UUID> consentIds,
                       String outcome, String reason, String sourceAgency, long position, UUID previousRecordId,
                       String previousHash, String storedHash, int hashVersion) {

        static Row of(ResultSet rs) throws SQLException {
            return new Row(rs.getObject("record_id", UUID.class), rs.getTimestamp("time").toInstant(),
                    rs.getString("agency"), rs.getString("user_id"), rs.getString("role"), rs.getString("client_id"),
                    rs.getString("categories"), rs.getString("action"), rs.getString("purpose"),
                    rs.getObject("consent_id", UUID.class), consentsOf(rs), rs.getString("outcome"),
                    rs.getString("reason"), rs.getString("source_agency"), rs.getLong("chain_position"),
                    rs.getObject("previous_record_id", UUID.class), rs.getString("previous_hash"),
                    rs.getString("record_hash"), rs.getInt("hash_version"));
        }

        String canonical() {
            List<String> fields = new ArrayList<>(List.of(recordId.toString(), time.toString(), agency, userId,
                    text(role), clientId, categories, action, text(purpose),
                    consentId == null ? "" : consentId.toString(), outcome, text(reason), sourceAgency,
                    Long.toString(position), previousRecordId.toString(), previousHash));
            if (hashVersion == 2) {
                // the version first, so that a record cannot be passed off as one of version 1 without its hash
                // failing, and every consent id last
                fields.add(0, "2");
                fields.add(String.join(",", consentIds.stream().map(UUID::toString).toList()));
            }
            return String.join("\u001f", fields);
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
