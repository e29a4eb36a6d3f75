package nl.ipsexchange.mha.messaging;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.stereotype.Component;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.consent.ConsentPolicy;
import nl.ipsexchange.kernel.consent.ConsentTerms;
import nl.ipsexchange.kernel.messaging.EnvelopeCodec;
import nl.ipsexchange.kernel.messaging.IntegrationEvent;
import nl.ipsexchange.kernel.messaging.sealing.KeyExchange;
import nl.ipsexchange.kernel.messaging.sealing.TransitKeyGrantedEvent;
import nl.ipsexchange.kernel.messaging.sealing.TransitKeyRefusedEvent;
import nl.ipsexchange.mha.query.consent.ClientConsents;
import nl.ipsexchange.platform.messaging.IntegrationEventPublisher;

/**
 * Answers a transit key request when it is relayed, deciding at that moment: the key is granted (wrapped for the
 * request's key pair alone) only while it exists, is the requesting agency's, and an active consent still covers its
 * category for that agency for some purpose; otherwise it is refused with the reason.
 */
@Component
@ProcessingGroup(StatusEventPublisher.PROCESSING_GROUP)
public class TransitKeyRelay {

    private final TransitKeyStore keys;
    private final ClientConsents consents;
    private final IntegrationEventPublisher publisher;
    private final EnvelopeCodec codec;
    private final Clock clock;

    public TransitKeyRelay(TransitKeyStore keys, ClientConsents consents, IntegrationEventPublisher publisher,
                           EnvelopeCodec codec, Clock clock) {
        this.keys = keys;
        this.consents = consents;
        this.publisher = publisher;
        this.codec = codec;
        this.clock = clock;
    }

    @EventHandler
    void on(TransitKeyRequestReceivedEvent request, @MessageIdentifier String eventId) {
        Instant now = clock.instant();
        Optional<String> refusal = refusalOf(request, now);
        IntegrationEvent answer = refusal.<IntegrationEvent>map(reason ->
                        new TransitKeyRefusedEvent(request.keyId(), request.clientId(), reason))
                .orElseGet(() -> {
                    KeyExchange.Wrapped wrapped = KeyExchange.wrap(request.requesterPublicKey(),
                            keys.find(request.keyId()).orElseThrow().key().orElseThrow());
                    return new TransitKeyGrantedEvent(request.keyId(), request.clientId(), wrapped.senderPublicKey(),
                            wrapped.wrappedKey());
                });
        String topic = request.requester().inboxTopic();
        publisher.publish(topic, codec.wrap(IntegrationEventPublisher.eventIdFor(eventId, topic + "|transit-key"),
                Agency.MENTAL_HEALTH, now, null, answer));
    }

    private Optional<String> refusalOf(TransitKeyRequestReceivedEvent request, Instant now) {
        Optional<TransitKeyStore.Stored> stored = keys.find(request.keyId());
        if (stored.isEmpty() || !stored.get().clientId().equals(request.clientId())) {
            return Optional.of("unknown key");
        }
        if (stored.get().recipient() != request.requester()) {
            return Optional.of("not a key for this agency");
        }
        if (stored.get().key().isEmpty()) {
            return Optional.of("the key was destroyed: the consent that covered it ended");
        }
        List<ConsentTerms> terms = consents.termsOf(request.clientId());
        for (Purpose purpose : Purpose.values()) {
            if (ConsentPolicy.permits(terms, request.requester(), stored.get().category(), purpose, now)) {
                return Optional.empty();
            }
        }
        return Optional.of("no active consent covers the key's category for this agency");
    }
}
