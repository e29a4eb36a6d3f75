package nl.ipsexchange.faulttests;

import static nl.ipsexchange.stack.ServiceDefinition.AUDIT;
import static nl.ipsexchange.stack.ServiceDefinition.MENTAL_HEALTH_AGENCY;
import static nl.ipsexchange.stack.ServiceDefinition.MUNICIPALITY;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nl.ipsexchange.stack.ServiceDefinition;

/**
 * The faults, one after the other while the load runs: a sender and two receivers killed abruptly (SIGKILL) and
 * started again, the Kafka broker stopped and started, PostgreSQL restarted, and at the end the sender killed while the
 * broker is down (its outbox full of events it could not publish). After each fault every service must be healthy
 * again by itself before the next one.
 */
final class FaultInjector implements Runnable {

    static final String KILL = "service killed (SIGKILL) and restarted";
    static final String KAFKA = "Kafka broker stopped and restarted";
    static final String POSTGRES = "PostgreSQL stopped and restarted";

    private static final Logger log = LoggerFactory.getLogger(FaultInjector.class);
    private static final Duration RECOVERY = Duration.ofMinutes(3);
    /** Commands the load gets accepted between two faults: one for each case going at a time (FaultSuiteTest). */
    private static final int LOAD_BETWEEN_FAULTS = 6;

    private final FaultStack stack;
    private final Progress progress;
    private final Figures figures;
    private final Duration between;
    private final AtomicInteger number = new AtomicInteger();
    private volatile boolean finished;
    private volatile Throwable failure;

    FaultInjector(FaultStack stack, Progress progress, Figures figures, Duration between) {
        this.stack = stack;
        this.progress = progress;
        this.figures = figures;
        this.between = between;
    }

    boolean finished() {
        return finished;
    }

    /** Why the fault schedule broke off, if it did (a service that did not recover, ...). */
    Throwable failure() {
        return failure;
    }

    @Override
    public void run() {
        try {
            pause();
            kill(MENTAL_HEALTH_AGENCY);
            pause();
            kafkaOutage(Duration.ofSeconds(Long.getLong("ips.fault.kafka-outage-seconds", 12)), null);
            pause();
            kill(MUNICIPALITY);
            pause();
            postgresRestart(Duration.ofSeconds(4));
            pause();
            kill(AUDIT);
            pause();
            // the strong version for the outbox: the broker is down, the sender keeps accepting commands whose events
            // it cannot publish, and is killed with them in its event store
            kafkaOutage(Duration.ofSeconds(6), MENTAL_HEALTH_AGENCY);
            pause();
        } catch (Throwable e) {
            failure = e;
            log.error("the fault schedule broke off: {}", e.toString());
        } finally {
            finished = true;
        }
    }

    private void kill(ServiceDefinition service) throws Exception {
        String outbox = outboxNote(service);
        stack.killAbruptly(service);
        figures.fault(KILL);
        figures.fault(KILL + ": " + service.name());
        log.info("fault {}: {} killed with SIGKILL{}; starting it again", number.incrementAndGet(), service.name(),
                outbox);
        long started = System.nanoTime();
        stack.startService(service);
        stack.awaitHealthy(service, RECOVERY);
        log.info("           {} is healthy again after {} s", service.name(), seconds(started));
        awaitAllHealthy();
    }

    private void kafkaOutage(Duration down, ServiceDefinition killedMeanwhile) throws Exception {
        long newestBeforeOutage = killedMeanwhile == null ? 0 : progress.newest(killedMeanwhile);
        stack.stopKafka();
        figures.fault(KAFKA);
        log.info("fault {}: Kafka broker stopped", number.incrementAndGet());
        FaultStack.sleep(down.toMillis());
        if (killedMeanwhile != null) {
            long unpublished = progress.storedAfter(killedMeanwhile, newestBeforeOutage);
            figures.outboxAtKills.add(unpublished);
            String outbox = " (" + unpublished + " events to relay stored while the broker was down: not published)";
            stack.killAbruptly(killedMeanwhile);
            figures.fault(KILL);
            figures.fault(KILL + ": " + killedMeanwhile.name());
            log.info("fault {}: {} killed with SIGKILL while the broker is down{}", number.incrementAndGet(),
                    killedMeanwhile.name(), outbox);
        }
        long started = System.nanoTime();
        stack.startKafka(false);
        log.info("           Kafka broker started again ({} s down)", down.toSeconds());
        if (killedMeanwhile != null) {
            stack.startService(killedMeanwhile);
            stack.awaitHealthy(killedMeanwhile, RECOVERY);
            log.info("           {} is healthy again after {} s", killedMeanwhile.name(), seconds(started));
        }
        awaitAllHealthy();
    }

    private void postgresRestart(Duration down) throws Exception {
        stack.stopPostgres();
        figures.fault(POSTGRES);
        log.info("fault {}: PostgreSQL stopped", number.incrementAndGet());
        FaultStack.sleep(down.toMillis());
        stack.startPostgres(false);
        log.info("           PostgreSQL started again ({} s down)", down.toSeconds());
        awaitAllHealthy();
    }

    /** Events the sender's relay has not passed yet, just before it is killed. */
    private String outboxNote(ServiceDefinition service) {
        if (service != MENTAL_HEALTH_AGENCY) {
            return "";
        }
        try {
            long unpublished = progress.unpublished(service);
            figures.outboxAtKills.add(unpublished);
            return " (" + unpublished + " events in its outbox not yet published)";
        } catch (RuntimeException e) {
            return "";
        }
    }

    private void awaitAllHealthy() {
        long started = System.nanoTime();
        for (ServiceDefinition service : ServiceDefinition.ALL) {
            stack.awaitHealthy(service, RECOVERY);
        }
        log.debug("all services healthy after {} s", seconds(started));
    }

    /**
     * Lets the load run before the next fault, so that each fault hits work in flight: until the load has had
     * {@link #LOAD_BETWEEN_FAULTS} more commands accepted (about two seconds at the suite's pace), and never longer
     * than {@code between} (a load that waits for a service's backlog goes on being waited for no longer than the
     * fixed pause this replaces did).
     */
    private void pause() {
        long acceptedBefore = figures.accepted.get();
        long deadline = System.nanoTime() + between.toNanos();
        while (figures.accepted.get() - acceptedBefore < LOAD_BETWEEN_FAULTS && System.nanoTime() < deadline) {
            FaultStack.sleep(50);
        }
    }

    private static long seconds(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos).toSeconds();
    }
}
