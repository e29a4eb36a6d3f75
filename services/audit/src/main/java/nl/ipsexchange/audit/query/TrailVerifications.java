package nl.ipsexchange.audit.query;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Verifications of the whole trail, and their results (ADR 24). A verification walks every agency's chain
 * ({@link AccessRecordChain#verify()}), which takes time in proportion to the trail; so it runs on a schedule
 * ({@code ips.audit.verification.every}, an hour by default; the first soon after the service starts), when an
 * auditor asks for one on the trail page (in the background), and when the API is asked (at once). Each result is
 * stored, and the trail page shows the newest without walking anything.
 */
@Component
public class TrailVerifications implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TrailVerifications.class);

    /** Who asked for a verification. */
    public enum Trigger { SCHEDULE, AUDITOR, API }

    /** A verification that ran: when, for whom, and what it found. */
    public record StoredVerification(Trigger trigger, String requestedBy, Instant startedAt, Instant finishedAt,
                                     boolean intact, long checked, UUID firstBrokenRecordId, String brokenAgency,
                                     String reason) {
    }

    private final AccessRecordChain chain;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration every;
    private final Duration firstAfter;
    private final AtomicReference<Instant> runningSince = new AtomicReference<>();
    private volatile ScheduledExecutorService executor;

    public TrailVerifications(AccessRecordChain chain, JdbcTemplate jdbc, Clock clock,
                              @Value("${ips.audit.verification.every:PT1H}") Duration every,
                              @Value("${ips.audit.verification.first-after:PT30S}") Duration firstAfter) {
        if (every.isNegative() || firstAfter.isNegative()) {
            throw new IllegalStateException("ips.audit.verification.every and .first-after must not be negative");
        }
        this.chain = chain;
        this.jdbc = jdbc;
        this.clock = clock;
        this.every = every;
        this.firstAfter = firstAfter;
    }

    /** Walks the whole trail now, on the caller's thread, and stores the result. */
    public AccessRecordChain.Verification verifyNow(Trigger trigger, String requestedBy) {
        Instant started = clock.instant();
        AccessRecordChain.Verification result = chain.verify();
        jdbc.update("""
                insert into trail_verification (trigger, requested_by, started_at, finished_at, intact, checked,
                    first_broken_record_id, broken_agency, reason) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                trigger.name(), requestedBy, Timestamp.from(started), Timestamp.from(clock.instant()),
                result.intact(), result.checked(), result.firstBrokenRecordId(), result.agency(), result.reason());
        if (!result.intact()) {
            log.warn("the trail is not intact: first broken record {} of {} ({})", result.firstBrokenRecordId(),
                    result.agency(), result.reason());
        }
        return result;
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
                        rs.getString("reason"))).stream().findFirst();
    }

    /** How many records the chains hold now (their heads' positions), without reading them. */
    public long recordsInTrail() {
        Long records = jdbc.queryForObject("select coalesce(sum(chain_position), 0) from access_chain_head",
                Long.class);
        return records == null ? 0 : records;
    }

    /** How often the schedule verifies the whole trail (zero: not on a schedule). */
    public Duration every() {
        return every;
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
        if (!every.isZero()) {
            started.scheduleWithFixedDelay(this::scheduled, firstAfter.toMillis(), every.toMillis(),
                    TimeUnit.MILLISECONDS);
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
