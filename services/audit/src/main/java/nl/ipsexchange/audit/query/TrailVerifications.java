package nl.ipsexchange.audit.query;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import nl.ipsexchange.kernel.Topics;

/**
 * Verifications of the whole trail, and their results (ADR 24). A verification walks every agency's chain
 * ({@link AccessRecordChain#verify()}), which takes time in proportion to the trail; so it runs on a schedule
 * ({@code ips.audit.verification.every}, an hour by default; the first soon after the service starts), when an
 * auditor asks for one on the trail page (in the background), and when the API is asked (at once). Each result is
 * stored, and the trail page shows the newest without walking anything. Each verification is compared with what
 * earlier ones and the signed checkpoints witnessed, and publishes a checkpoint of its own (ADR 32): a trail rewound
 * or truncated in the database, its verifications' memory included, is reported and the chain named.
 */
@Component
public class TrailVerifications implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TrailVerifications.class);

    /** Who asked for a verification. */
    public enum Trigger { SCHEDULE, AUDITOR, API }

    /**
     * A verification that ran: when, for whom, and what it found: each broken chain's problem in plain words, and
     * what it compared with outside the database.
     */
    public record StoredVerification(Trigger trigger, String requestedBy, Instant startedAt, Instant finishedAt,
                                     boolean intact, long checked, UUID firstBrokenRecordId, String brokenAgency,
                                     String reason, List<String> problems, String checkpoint) {
    }

    private final AccessRecordChain chain;
    private final TrailWitness witness;
    private final CheckpointSigner signer;
    private final String trail;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Schedule schedule;
    private final AtomicReference<Instant> runningSince = new AtomicReference<>();
    private volatile ScheduledExecutorService executor;

    /**
     * The chains, and the signed checkpoints that witness them outside the database: {@code trail} names this trail
     * among others on the same broker ({@code ips.audit.checkpoint.trail}).
     */
    public record Witnessed(AccessRecordChain chain, TrailWitness witness, CheckpointSigner signer, String trail) {
    }

    /**
     * How often the whole trail is verified ({@code ips.audit.verification.every}, zero: not on a schedule), the first
     * time how soon after the start ({@code .first-after}), and how often in between a checkpoint witnesses the
     * records appended since the newest one ({@code ips.audit.checkpoint.every}, zero: only after verifications).
     */
    public record Schedule(Duration every, Duration firstAfter, Duration checkpointsEvery) {

        public Schedule {
            if (every.isNegative() || firstAfter.isNegative() || checkpointsEvery.isNegative()) {
                throw new IllegalStateException("ips.audit.verification.every, .first-after and "
                        + "ips.audit.checkpoint.every must not be negative");
            }
        }
    }

    public TrailVerifications(Witnessed witnessed, JdbcTemplate jdbc, Clock clock, Schedule schedule) {
        this.chain = witnessed.chain();
        this.witness = witnessed.witness();
        this.signer = witnessed.signer();
        this.trail = witnessed.trail();
        this.jdbc = jdbc;
        this.clock = clock;
        this.schedule = schedule;
    }

    /**
     * Walks the whole trail now, on the caller's thread, and compares each chain with what was witnessed of it: by the
     * newest verification that found it intact (kept in the database) and by the newest signed checkpoint on
     * {@code ips.audit.checkpoints} (outside it). Stores the result with the heads found intact, and publishes a new
     * checkpoint: the heads found intact, and for a broken chain the head witnessed before, so that a chain stays
     * reported until it is restored.
     */
    public AccessRecordChain.Verification verifyNow(Trigger trigger, String requestedBy) {
        Instant started = clock.instant();
        List<AccessRecordChain.Witness> witnesses = new ArrayList<>(remembered());
        String note;
        try {
            note = addNewestCheckpoint(witnesses);
        } catch (RuntimeException e) {
            note = "the checkpoints on " + Topics.AUDIT_CHECKPOINTS + " could not be read ("
                    + e.getClass().getSimpleName() + "): compared with the database's own memory only";
        }
        AccessRecordChain.Verification result = chain.verify(witnesses);
        try {
            witness.publish(signer.sign(new Checkpoint(trail, clock.instant().truncatedTo(ChronoUnit.MILLIS),
                    witnessedHeads(result, witnesses), null)));
        } catch (RuntimeException e) {
            note += "; no new checkpoint could be published (" + e.getClass().getSimpleName() + ")";
            log.warn("no checkpoint of the trail could be published ({})", e.getClass().getSimpleName());
        }
        result = result.withCheckpoint(note);
        store(trigger, requestedBy, started, result);
        if (!result.intact()) {
            for (AccessRecordChain.ChainResult broken : result.chains()) {
                if (!broken.intact()) {
                    log.warn("the trail is not intact: chain {}, record {}: {}", broken.chain(),
                            broken.brokenRecordId(), broken.problem());
                }
            }
        }
        return result;
    }

    /**
     * Publishes a checkpoint of the records appended since the newest witnessed heads, walking only those (ADR 32):
     * between two verifications of the whole trail, new records are witnessed outside the database too.
     */
    public void checkpointNow() {
        List<AccessRecordChain.Witness> witnesses = new ArrayList<>(remembered());
        addNewestCheckpoint(witnesses);
        List<ChainHead> heads = chain.extend(furthest(witnesses));
        witness.publish(signer.sign(new Checkpoint(trail, clock.instant().truncatedTo(ChronoUnit.MILLIS), heads,
                null)));
    }

    /** Adds the newest valid checkpoint's heads to the witnesses; says in plain words what was found. */
    private String addNewestCheckpoint(List<AccessRecordChain.Witness> witnesses) {
        TrailWitness.Newest found = witness.newest(trail);
        Checkpoint newest = found.checkpoint().orElse(null);
        String note = newest == null ? "no signed checkpoint of this trail was found on " + Topics.AUDIT_CHECKPOINTS
                : "compared with the signed checkpoint of " + newest.time() + " (" + newest.chains().size()
                + " chain(s))";
        if (found.ignored() > 0) {
            note += "; " + found.ignored() + " newer checkpoint(s) with a bad signature or unreadable were ignored";
        }
        if (newest != null) {
            for (ChainHead head : newest.chains()) {
                witnesses.add(new AccessRecordChain.Witness("the signed checkpoint of " + newest.time(), head));
            }
        }
        return note;
    }

    /** Per chain, the head at the furthest position any witness saw. */
    private static List<ChainHead> furthest(List<AccessRecordChain.Witness> witnesses) {
        Map<String, ChainHead> heads = new TreeMap<>();
        for (AccessRecordChain.Witness seen : witnesses) {
            heads.merge(seen.head().chain(), seen.head(),
                    (one, other) -> one.position() >= other.position() ? one : other);
        }
        return List.copyOf(heads.values());
    }

    /** Per chain, the heads the newest verification that found it intact remembered. */
    private List<AccessRecordChain.Witness> remembered() {
        return jdbc.query("""
                select distinct on (h.chain) h.*, v.finished_at from trail_verification_head h
                join trail_verification v on v.verification_id = h.verification_id
                order by h.chain, h.verification_id desc""",
                (rs, i) -> new AccessRecordChain.Witness("the verification of "
                        + rs.getTimestamp("finished_at").toInstant(), new ChainHead(rs.getString("chain"),
                        rs.getLong("records"), rs.getLong("head_position"), rs.getObject("head_record_id", UUID.class),
                        rs.getString("head_hash"))));
    }

    /** The heads found intact now, and for every other chain the furthest head witnessed before. */
    private static List<ChainHead> witnessedHeads(AccessRecordChain.Verification result,
                                                  List<AccessRecordChain.Witness> witnesses) {
        Map<String, ChainHead> heads = new TreeMap<>();
        furthest(witnesses).forEach(head -> heads.put(head.chain(), head));
        for (ChainHead intact : result.intactHeads()) {
            heads.put(intact.chain(), intact);
        }
        return List.copyOf(heads.values());
    }

    private void store(Trigger trigger, String requestedBy, Instant started, AccessRecordChain.Verification result) {
        List<String> problems = result.chains().stream().filter(chain -> !chain.intact())
                .map(chain -> chain.chain() + ": " + chain.problem() + " (record " + chain.brokenRecordId() + ")")
                .toList();
        Long id = jdbc.queryForObject("""
                insert into trail_verification (trigger, requested_by, started_at, finished_at, intact, checked,
                    first_broken_record_id, broken_agency, reason, problems, checkpoint_note)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning verification_id""", Long.class,
                trigger.name(), requestedBy, Timestamp.from(started), Timestamp.from(clock.instant()),
                result.intact(), result.checked(), result.firstBrokenRecordId(), result.agency(), result.reason(),
                problems.isEmpty() ? null : String.join("\n", problems), result.checkpoint());
        for (ChainHead head : result.intactHeads()) {
            jdbc.update("""
                    insert into trail_verification_head (verification_id, chain, records, head_position,
                        head_record_id, head_hash) values (?, ?, ?, ?, ?, ?)""",
                    id, head.chain(), head.records(), head.position(), head.recordId(), head.hash());
        }
    }

    /**
     * Starts a verification in the background unless one is running or waiting already.
     *
     * @return false if one was running or waiting already
     */
    public boolean request(String requestedBy) {
        ExecutorService running = executor;
        if (running == null || !runningSince.compareAndSet(null, clock.instant())) {
            return false;
        }
        running.execute(() -> run(Trigger.AUDITOR, requestedBy));
        return true;
    }

    /** Since when a background verification has been running or waiting, if one is. */
    public Optional<Instant> runningSince() {
        return Optional.ofNullable(runningSince.get());
    }

    /** The newest verification that finished, if any did. */
    public Optional<StoredVerification> latest() {
        return jdbc.query("""
                select * from trail_verification order by finished_at desc, verification_id desc limit 1""",
                (rs, i) -> new StoredVerification(Trigger.valueOf(rs.getString("trigger")),
                        rs.getString("requested_by"), rs.getTimestamp("started_at").toInstant(),
                        rs.getTimestamp("finished_at").toInstant(), rs.getBoolean("intact"), rs.getLong("checked"),
                        rs.getObject("first_broken_record_id", UUID.class), rs.getString("broken_agency"),
                        rs.getString("reason"), rs.getString("problems") == null ? List.of()
                        : List.of(rs.getString("problems").split("\n")), rs.getString("checkpoint_note")))
                .stream().findFirst();
    }

    /** How many records the chains hold now (their heads' positions), without reading them. */
    public long recordsInTrail() {
        Long records = jdbc.queryForObject("select coalesce(sum(chain_position), 0) from access_chain_head",
                Long.class);
        return records == null ? 0 : records;
    }

    /** How often the schedule verifies the whole trail (zero: not on a schedule). */
    public Duration every() {
        return schedule.every();
    }

    private void scheduledCheckpoint() {
        try {
            checkpointNow();
        } catch (RuntimeException e) {
            log.warn("no checkpoint of the trail could be published ({}); the next one tries again",
                    e.getClass().getSimpleName());
        }
    }

    private void scheduled() {
        if (runningSince.compareAndSet(null, clock.instant())) {
            run(Trigger.SCHEDULE, "system");
        }
    }

    private void run(Trigger trigger, String requestedBy) {
        try {
            verifyNow(trigger, requestedBy);
        } catch (RuntimeException e) {
            // the next run tries again; the page keeps showing the newest result and when it was found
            log.warn("a verification of the trail failed ({}); the next one tries again", e.getClass().getSimpleName());
        } finally {
            runningSince.set(null);
        }
    }

    @Override
    public void start() {
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "trail-verification");
            thread.setDaemon(true);
            return thread;
        });
        if (!schedule.every().isZero()) {
            started.scheduleWithFixedDelay(this::scheduled, schedule.firstAfter().toMillis(),
                    schedule.every().toMillis(), TimeUnit.MILLISECONDS);
        }
        if (!schedule.checkpointsEvery().isZero()) {
            // on the same thread: never at the same time as a scheduled verification
            started.scheduleWithFixedDelay(this::scheduledCheckpoint, schedule.checkpointsEvery().toMillis(),
                    schedule.checkpointsEvery().toMillis(), TimeUnit.MILLISECONDS);
        }
        executor = started;
    }

    @Override
    public void stop() {
        ScheduledExecutorService stopping = executor;
        executor = null;
        if (stopping != null) {
            stopping.shutdownNow();
            try {
                stopping.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
