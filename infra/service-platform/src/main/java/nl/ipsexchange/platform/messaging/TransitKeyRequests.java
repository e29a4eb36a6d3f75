package nl.ipsexchange.platform.messaging;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.messaging.EnvelopeCodec;
import nl.ipsexchange.kernel.messaging.EventEnvelope;
import nl.ipsexchange.kernel.messaging.sealing.KeyExchange;
import nl.ipsexchange.kernel.messaging.sealing.SealedPart;
import nl.ipsexchange.kernel.messaging.sealing.TransitKeyRequestedEvent;

/**
 * Asks a sender for the transit keys a received envelope is sealed with and this agency does not hold: one
 * {@link TransitKeyRequestedEvent} per key, to the sender's inbox, with the public half of a key pair made for that
 * request (its private half is kept, encrypted, until the answer). Runs in the caller's transaction: the request is
 * sent before it commits, so a request whose record did not commit is answered for nothing, never the reverse.
 */
public class TransitKeyRequests {

    private static final Logger log = LoggerFactory.getLogger(TransitKeyRequests.class);

    private final ReceivedTransitKeys keys;
    private final IntegrationEventPublisher publisher;
    private final EnvelopeCodec codec;
    private final Agency self;
    private final Clock clock;

    public TransitKeyRequests(ReceivedTransitKeys keys, IntegrationEventPublisher publisher, EnvelopeCodec codec,
                              Agency self, Clock clock) {
        this.keys = keys;
        this.publisher = publisher;
        this.codec = codec;
        this.self = self;
        this.clock = clock;
    }

    /** @return how many requests were sent now (a key already asked for is not asked again) */
    public int ask(EventEnvelope envelope, List<SealedPart> missing) {
        int sent = 0;
        for (SealedPart part : missing) {
            if (keys.held(part.keyId())) {
                continue;
            }
            KeyExchange.Ephemeral pair = KeyExchange.ephemeral();
            if (!keys.requested(part.keyId(), envelope.subject(), part.category(), envelope.sourceAgency(), pair)) {
                continue;
            }
            publisher.publish(envelope.sourceAgency().inboxTopic(), codec.wrap(UUID.randomUUID(), self,
                    clock.instant(), null, new TransitKeyRequestedEvent(part.keyId(), envelope.subject(), self,
                            pair.publicKey())));
            sent++;
        }
        if (sent > 0) {
            log.info("asked {} for {} transit keys of a {}", envelope.sourceAgency(), sent, envelope.type());
        }
        return sent;
    }
}
