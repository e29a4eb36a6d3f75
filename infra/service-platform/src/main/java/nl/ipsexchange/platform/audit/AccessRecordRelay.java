package nl.ipsexchange.platform.audit;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

import nl.ipsexchange.kernel.Topics;
import nl.ipsexchange.kernel.audit.AccessRecordedEvent;
import nl.ipsexchange.kernel.messaging.EnvelopeCodec;
import nl.ipsexchange.platform.IpsProperties;
import nl.ipsexchange.platform.messaging.IntegrationEventPublisher;

/**
 * Sends every access record from this service's event store to {@code ips.audit} (the event store is the outbox):
 * a record is sent at least once, with its own record id as event id, so the audit service keeps it once.
 */
@ProcessingGroup(AccessRecordRelay.PROCESSING_GROUP)
public class AccessRecordRelay {

    public static final String PROCESSING_GROUP = "audit-relay";

    private final IntegrationEventPublisher publisher;
    private final EnvelopeCodec codec;
    private final IpsProperties properties;

    public AccessRecordRelay(IntegrationEventPublisher publisher, EnvelopeCodec codec, IpsProperties properties) {
        this.publisher = publisher;
        this.codec = codec;
        this.properties = properties;
    }

    @EventHandler
    void on(AccessRecordedEvent record) {
        nl.ipsexchange.kernel.Agency source = properties.getService().getAgency();
        if (source == null) {
            return; // the audit service's own records stay where they are
        }
        publisher.publish(Topics.AUDIT, codec.wrap(record.recordId(), source, record.time(), null, record));
    }
}
