package nl.ipsexchange.platform.messaging;

import java.util.EnumMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import nl.ipsexchange.kernel.messaging.EventEnvelope;
import nl.ipsexchange.platform.messaging.signing.RefusedMessageException;

/** Counts what becomes of inbound messages ({@code ips.inbound.*}), and logs each outcome. */
final class InboundMetrics {

    // the inbound path logs under one name, the processor's, wherever its lines now come from
    private static final Logger log = LoggerFactory.getLogger(InboundMessageProcessor.class);

    private final Map<RefusedMessageException.Reason, Counter> refusals =
            new EnumMap<>(RefusedMessageException.Reason.class);
    private final Counter processed;
    private final Counter duplicates;
    private final Counter parkings;
    private final Counter unreadable;

    InboundMetrics(MeterRegistry meters, ParkedMessages parked) {
        for (RefusedMessageException.Reason reason : RefusedMessageException.Reason.values()) {
            refusals.put(reason, Counter.builder("ips.inbound.refused").tag("reason", reason.tag())
                    .description("inbound messages refused: not signed by the agency they claim to come from")
                    .register(meters));
        }
        this.processed = Counter.builder("ips.inbound.processed").register(meters);
        this.duplicates = Counter.builder("ips.inbound.duplicates").register(meters);
        this.parkings = Counter.builder("ips.inbound.parked").description("inbound messages parked").register(meters);
        this.unreadable = Counter.builder("ips.inbound.unreadable")
                .description("inbound messages sealed under a transit key destroyed since they were sent")
                .register(meters);
        Gauge.builder("ips.inbound.parked.current", parked, ParkedMessages::count)
                .description("inbound messages waiting for an administrator").register(meters);
    }

    void refused(RefusedMessageException.Reason reason) {
        refusals.get(reason).increment();
    }

    /** A message parked after failing too often (its own log line says so). */
    void parked() {
        parkings.increment();
    }

    /** @return whether the message was handled now */
    boolean report(ReceiptOutcome outcome, String topic, EventEnvelope envelope) {
        switch (outcome) {
            case HANDLED -> {
                processed.increment();
                log.debug("handled {} {} from {}", envelope.type(), envelope.eventId(), topic);
                return true;
            }
            case AWAITING_KEY -> {
                log.info("{} {} from {} waits for the sender's transit key, and the client's later messages with "
                        + "it", envelope.type(), envelope.eventId(), topic);
                return false;
            }
            case UNREADABLE -> {
                unreadable.increment();
                log.info("{} {} from {} is sealed under a transit key destroyed since it was sent (a consent ended "
                        + "or its client was erased): resolved unread", envelope.type(), envelope.eventId(), topic);
                return false;
            }
            case PARKED -> {
                parkings.increment();
                log.warn("parked {} {} from {} behind an earlier parked message about the same client",
                        envelope.type(), envelope.eventId(), topic);
                return false;
            }
            default -> {
                duplicates.increment();
                log.info("skipped redelivered {} {} from {}", envelope.type(), envelope.eventId(), topic);
                return false;
            }
        }
    }
}
