package nl.ipsexchange.platform.messaging;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Retries, now and then, every client sequence whose first parked message waits for a transit key that has arrived
 * meanwhile. The grant's handler retries at once after its commit; this catches a retry that did not run or failed
 * (the service stopped between the two, the database was away).
 */
public class UnblockedSequences implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(UnblockedSequences.class);

    private final JdbcTemplate jdbc;
    private final ObjectProvider<InboundMessageProcessor> processor;
    private final ScheduledExecutorService executor;

    public UnblockedSequences(JdbcTemplate jdbc, ObjectProvider<InboundMessageProcessor> processor, Duration every) {
        this.jdbc = jdbc;
        this.processor = processor;
        this.executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "ips-unblocked-sequences");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::retry, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void retry() {
        try {
            for (String sequence : jdbc.queryForList("""
                    select distinct p.sequence_key from parked_message p
                    join received_transit_key k on k.key_id = p.awaited_key_id""", String.class)) {
                processor.getObject().retryParked(sequence, TransitKeyReceiver.RESOLVER);
            }
        } catch (RuntimeException failure) {
            log.warn("sequences whose key has arrived not retried yet: {}", MessageFailures.describe(failure));
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
