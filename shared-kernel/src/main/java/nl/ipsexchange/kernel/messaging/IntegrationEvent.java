package nl.ipsexchange.kernel.messaging;

/**
 * An event that crosses agencies. Implementations are records in this module, annotated with
 * {@link IntegrationEventType} (its name on the wire) and Axon's {@code @Revision} (its schema version),
 * and listed in {@link IntegrationEventCatalog}. A consumer never hand-copies one of these classes.
 */
public interface IntegrationEvent {

    /** The pseudonymous client id this event is about, or a team or other non-personal key. */
    String subject();
}
