package nl.ipsexchange.platform.audit;

import java.time.Clock;
import java.util.Set;
import java.util.UUID;

import org.axonframework.eventhandling.gateway.EventGateway;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.audit.AccessAction;
import nl.ipsexchange.kernel.audit.AccessOutcome;
import nl.ipsexchange.kernel.audit.AccessRecordedEvent;
import nl.ipsexchange.platform.IpsProperties;

/**
 * Writes access records into this service's event store, in the caller's transaction: an access whose record
 * cannot be stored fails with it, and is not served ({@link AccessNotRecordedException}, answered 503).
 * {@link AccessRecordRelay} sends them on to {@code ips.audit}.
 */
public class AccessRecorder {

    private final EventGateway events;
    private final Clock clock;
    private final String agency;

    public AccessRecorder(EventGateway events, Clock clock, IpsProperties properties) {
        this.events = events;
        this.clock = clock;
        this.agency = properties.getService().getAgency() == null ? "AUDIT"
                : properties.getService().getAgency().name();
    }

    /** Who did it: a user with a role, or the platform itself. */
    public record Actor(String userId, String role) {
        public static final Actor SYSTEM = new Actor(AccessRecordedEvent.SYSTEM_USER, null);
    }

    public AccessRecordedEvent record(UUID recordId, Actor actor, String clientId, Set<DataCategory> categories,
                                      AccessAction action, Purpose purpose, UUID consentId, AccessOutcome outcome,
                                      String reason) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("an access record is written in the transaction of the access");
        }
        AccessRecordedEvent record = new AccessRecordedEvent(recordId, clock.instant(), agency, actor.userId(),
                actor.role(), clientId, Set.copyOf(categories), action, purpose, consentId, outcome, reason);
        try {
            events.publish(record);
        } catch (RuntimeException e) {
            // outside a unit of work the record is stored right here, in the caller's transaction; inside one (an
            // event handler) it is stored when the unit of work commits, and that failure rolls the handler back
            throw new AccessNotRecordedException(e);
        }
        return record;
    }

    public AccessRecordedEvent record(Actor actor, String clientId, Set<DataCategory> categories, AccessAction action,
                                      Purpose purpose, UUID consentId, AccessOutcome outcome, String reason) {
        return record(UUID.randomUUID(), actor, clientId, categories, action, purpose, consentId, outcome, reason);
    }
}
