package nl.ipsexchange.platform.audit;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.Topics;
import nl.ipsexchange.kernel.audit.AccessRecordedEvent;
import nl.ipsexchange.kernel.messaging.EnvelopeCodec;
import nl.ipsexchange.kernel.messaging.sealing.AuditSealing;
import nl.ipsexchange.platform.IpsProperties;
import nl.ipsexchange.platform.messaging.IntegrationEventPublisher;

/**
 * Sends every access record from this service's event store to {@code ips.audit} (the event store is the outbox):
 * a record is sent at least once, with its own record id as event id, so the audit service keeps it once. Each record
 * leaves sealed for the audit service's key, its subject its record id rather than the client (ADR 37): whoever reads
 * the topic learns which agency recorded something when, nothing of whom or what.
 */
@ProcessingGroup(AccessRecordRelay.PROCESSING_GROUP)
public class AccessRecordRelay {

    public static final String PROCESSING_GROUP = "audit-relay";

    private final IntegrationEventPublisher publisher;
    private final EnvelopeCodec codec;
    private final IpsProperties properties;
    private final AuditSealing sealing = new AuditSealing();
    private final AuditSealingKeys keys;

    public AccessRecordRelay(IntegrationEventPublisher publisher, EnvelopeCodec codec, IpsProperties properties,
                             AuditSealingKeys keys) {
        this.publisher = publisher;
        this.codec = codec;
        this.properties = properties;
        this.keys = keys;
    }

    @EventHandler
    void on(AccessRecordedEvent record) {
        Agency source = properties.getService().getAgency();
        if (source == null) {
            return; // the audit service's own records stay where they are
        }
        AuditSealing.AuditKey key = keys.sealingKey().orElseThrow(() -> new IllegalStateException(
                "no audit key to seal access records for")); // refused at the start already (AuditSealingKeys)
        publisher.publish(Topics.AUDIT, sealing.seal(codec.wrap(record.recordId(), source, record.time(), null,
                record), key));
    }
}
