package nl.ipsexchange.platform.messaging;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.kafka.core.KafkaTemplate;

import nl.ipsexchange.kernel.messaging.EnvelopeCodec;
import nl.ipsexchange.kernel.messaging.EventEnvelope;
import nl.ipsexchange.platform.messaging.signing.MessageSigner;

/**
 * Sends envelopes to Kafka, each signed with this service's key, and waits for the broker's acknowledgement (idempotent producer, acks=all).
 * Callers are event processors reading this service's event store (the event store is the outbox): when a
 * send fails, the exception makes the processor retry the same event later, so nothing accepted is lost.
 * Inside a processor's batch the sends go out together and are awaited once, when the batch prepares to commit
 * (before its token is saved); a failure of any of them rolls the batch back and it is sent again (receivers
 * recognise the repeated event ids).
 */
public class IntegrationEventPublisher {

    public static final String HEADER_EVENT_ID = "ips-event-id";
    public static final String HEADER_EVENT_TYPE = "ips-event-type";
    public static final String HEADER_SCHEMA_VERSION = "ips-schema-version";
    public static final String HEADER_SOURCE_AGENCY = "ips-source-agency";

    private final KafkaTemplate<String, byte[]> kafka;
    private final EnvelopeCodec codec;
    private final MessageSigner signer;

    public IntegrationEventPublisher(KafkaTemplate<String, byte[]> kafka, EnvelopeCodec codec, MessageSigner signer) {
        this.kafka = kafka;
        this.codec = codec;
        this.signer = signer;
    }

    public void publish(String topic, EventEnvelope envelope) {
        byte[] value = codec.encode(envelope);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, envelope.subject(), value);
        // exactly these bytes on exactly this topic: receivers verify before they read anything (ADR 31)
        signer.sign(topic, value).addTo(record.headers());
        record.headers()
                .add(HEADER_EVENT_ID, bytes(envelope.eventId().toString()))
                .add(HEADER_EVENT_TYPE, bytes(envelope.type()))
                .add(HEADER_SCHEMA_VERSION, bytes(Integer.toString(envelope.schemaVersion())))
                .add(HEADER_SOURCE_AGENCY, bytes(envelope.sourceAgency().name()));
        Pending send = new Pending(topic, envelope.type(), envelope.eventId(), kafka.send(record));
        if (CurrentUnitOfWork.isStarted()) {
            // an event processor's batch: send all of it, then wait once, before its position is saved
            UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
            List<Pending> pending = batch.getOrComputeResource(PENDING, key -> {
                List<Pending> sends = new ArrayList<>();
                batch.onPrepareCommit(unitOfWork -> sends.forEach(Pending::await));
                return sends;
            });
            pending.add(send);
            return;
        }
        send.await();
    }

    private static final String PENDING = IntegrationEventPublisher.class.getName() + ".pending";

    /**
     * A send that the broker has yet to acknowledge, named by the event's type and id: a batch holds thousands of
     * these until its end, and keeping each envelope (its payload tree) alive that long cost the heap for nothing.
     */
    private record Pending(String topic, String type, UUID eventId, Future<?> sent) {

        void await() {
            try {
                sent.get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PublicationFailedException(topic, type, eventId, e);
            } catch (ExecutionException | TimeoutException e) {
                throw new PublicationFailedException(topic, type, eventId, e);
            }
        }
    }

    /**
     * The integration event id for what one domain event sends to one destination: stable, so that a relay
     * repeated after a crash carries the same id and the receiver recognises it.
     */
    public static UUID eventIdFor(String domainEventId, String destination) {
        return UUID.nameUUIDFromBytes((domainEventId + "|" + destination).getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /** Kafka did not acknowledge a message; the caller retries. Names the event, never its content. */
    public static class PublicationFailedException extends RuntimeException {
        PublicationFailedException(String topic, String type, UUID eventId, Exception cause) {
            super("could not publish " + type + " " + eventId + " to " + topic, cause);
        }
    }
}
