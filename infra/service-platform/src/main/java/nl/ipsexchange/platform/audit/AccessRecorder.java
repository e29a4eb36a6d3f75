package nl.ipsexchange.platform.audit;

import java.time.Clock;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import nl.ipsexchange.kernel.audit.AccessAction;
import nl.ipsexchange.kernel.audit.AccessOutcome;
import nl.ipsexchange.kernel.audit.AccessRecordedEvent;
import nl.ipsexchange.platform.IpsProperties;

/**
 * Writes access records into this service's event store. {@link AccessRecordRelay} sends them on to
 * {@code ips.audit}.
 *
 * <p>What a record says is an {@link AccessRecord}. A read is recorded in the reader's transaction
 * ({@link #record}): a read whose record cannot be stored fails with it, and is not served
 * ({@link AccessNotRecordedException}, answered 503). A disclosure to another agency is
 * recorded before the message is sent, in a transaction of its own ({@link #recordBeforeDisclosure}): the relay's
 * transaction commits only after the broker has acknowledged the message, so a record written in it would be lost
 * with a crash between the two, while the recipient holds the data (ADR 19).
 */
public class AccessRecorder implements AutoCloseable {

    private static final long DISCLOSURE_RECORD_TIMEOUT_SECONDS = 30;

    private final EventGateway events;
    private final Clock clock;
    private final String agency;
    private final TransactionTemplate transactions;
    private final JdbcTemplate jdbc;
    /**
     * Writes the records of disclosures. A thread of its own, because the relay that discloses runs inside an Axon
     * unit of work and a Spring transaction bound to its thread: an event published there is stored with the
     * relay's batch, whatever transaction is started around it.
     */
    private final ExecutorService disclosureWriter = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "disclosure-record-writer");
        thread.setDaemon(true);
        return thread;
    });

    public AccessRecorder(EventGateway events, Clock clock, IpsProperties properties,
                          TransactionTemplate transactions, JdbcTemplate jdbc) {
        this.events = events;
        this.jdbc = jdbc;
        this.clock = clock;
        this.transactions = transactions;
        this.agency = properties.getService().getAgency() == null ? "AUDIT"
                : properties.getService().getAgency().name();
    }

    /** Who did it: a user with a role, or the platform itself. */
    public record Actor(String userId, String role) {
        public static final Actor SYSTEM = new Actor(AccessRecordedEvent.SYSTEM_USER, null);
    }

    /**
     * Records an access in the caller's transaction, under the record's id or, without one, a new id.
     *
     * @throws AccessNotRecordedException when the record could not be stored: the access must not happen
     */
    public AccessRecordedEvent record(AccessRecord access) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("an access record is written in the transaction of the access");
        }
        AccessRecordedEvent record = build(access.recordId() == null ? UUID.randomUUID() : access.recordId(), access);
        store(record);
        return record;
    }

    private AccessRecordedEvent build(UUID recordId, AccessRecord access) {
        return new AccessRecordedEvent(recordId, clock.instant(), agency, access.actor().userId(),
                access.actor().role(), access.clientId(), Set.copyOf(access.categories()), access.action(),
                access.purpose(), AccessRecordedEvent.ordered(access.consentIds()), access.outcome(),
                access.reason());
    }

    private void store(Object record) {
        try {
            events.publish(record);
        } catch (RuntimeException e) {
            // outside a unit of work the record is stored right here, in the caller's transaction; inside one (an
            // event handler) it is stored when the unit of work commits, and that failure rolls the handler back
            throw new AccessNotRecordedException(e);
        }
    }

    /**
     * Records a disclosure that is about to be sent to another agency, and returns only once the record is
     * committed, in a transaction of its own, whatever unit of work or transaction the caller is in. So the record
     * is never lost while the message goes out: should the sender fail after this (before or after the broker took
     * the message), the record stays, and the trail says the data may have reached the recipient. The record is
     * stored under its id as its event identifier, once: a sender that fails and sends the same disclosure again
     * finds it recorded.
     *
     * @param disclosure {@link AccessRecord#disclosed}, with the id its sender derives from what it sends
     * @throws AccessNotRecordedException when the record could not be stored: the caller must not send
     */
    public void recordBeforeDisclosure(AccessRecord disclosure) {
        if (disclosure.action() != AccessAction.DISCLOSE || disclosure.outcome() != AccessOutcome.PERMITTED) {
            throw new IllegalArgumentException("not a disclosure: " + disclosure.action() + " " + disclosure.outcome());
        }
        UUID recordId = Objects.requireNonNull(disclosure.recordId(),
                "a disclosure is recorded under the id its sender derives, so that it is recorded once");
        Future<?> written = disclosureWriter.submit(() -> transactions.executeWithoutResult(status -> {
            if (recordedBefore(recordId)) {
                return;
            }
            AccessRecordedEvent record = build(recordId, disclosure);
            store(new GenericEventMessage<>(recordId.toString(), record, MetaData.emptyInstance(), record.time()));
        }));
        try {
            written.get(DISCLOSURE_RECORD_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AccessNotRecordedException(e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof AccessNotRecordedException notRecorded ? notRecorded
                    : new AccessNotRecordedException(e.getCause());
        } catch (TimeoutException e) {
            written.cancel(true);
            throw new AccessNotRecordedException(e);
        }
    }

    private boolean recordedBefore(UUID recordId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from domain_event_entry where event_identifier = ?)", Boolean.class,
                recordId.toString()));
    }

    @Override
    public void close() {
        disclosureWriter.shutdown();
    }
}
