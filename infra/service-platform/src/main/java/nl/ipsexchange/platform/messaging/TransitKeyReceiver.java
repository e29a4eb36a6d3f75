package nl.ipsexchange.platform.messaging;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import nl.ipsexchange.kernel.messaging.EnvelopeCodec;
import nl.ipsexchange.kernel.messaging.EventEnvelope;
import nl.ipsexchange.kernel.messaging.MalformedMessageException;
import nl.ipsexchange.kernel.messaging.sealing.KeyExchange;
import nl.ipsexchange.kernel.messaging.sealing.TransitKey;
import nl.ipsexchange.kernel.messaging.sealing.TransitKeyGrantedEvent;
import nl.ipsexchange.kernel.messaging.sealing.TransitKeyRefusedEvent;
import nl.ipsexchange.platform.audit.AccessRecord;
import nl.ipsexchange.platform.audit.AccessRecorder;

/**
 * The answers to this agency's transit key requests. They arrive under the key's own subject, apart from the
 * client's sequence, whose messages wait for them. A grant is unwrapped with the request's private key, the key kept
 * (encrypted with the client's data key) and the private key destroyed; then the client's parked messages are retried.
 * A refusal destroys the private key and resolves the messages that waited for that key, unread and recorded as a
 * refused receipt; the client's later messages are retried.
 */
public class TransitKeyReceiver implements IntegrationEventHandlerSet {

    /** Who resolves parked messages on a key's answer (an administrator's name otherwise). */
    static final String RESOLVER = "transit-key";

    private static final Logger log = LoggerFactory.getLogger(TransitKeyReceiver.class);

    private final ReceivedTransitKeys keys;
    private final ParkedMessages parked;
    private final AccessRecorder recorder;
    private final EnvelopeCodec codec;
    private final ObjectProvider<InboundMessageProcessor> processor;

    public TransitKeyReceiver(ReceivedTransitKeys keys, ParkedMessages parked, AccessRecorder recorder,
                              EnvelopeCodec codec, ObjectProvider<InboundMessageProcessor> processor) {
        this.keys = keys;
        this.parked = parked;
        this.recorder = recorder;
        this.codec = codec;
        this.processor = processor;
    }

    @Override
    public List<IntegrationEventHandler<?>> handlers() {
        return List.of(IntegrationEventHandler.of(TransitKeyGrantedEvent.class, this::granted),
                IntegrationEventHandler.of(TransitKeyRefusedEvent.class, this::refused));
    }

    void granted(TransitKeyGrantedEvent event, EventEnvelope envelope) {
        Optional<ReceivedTransitKeys.PendingRequest> request = keys.request(event.keyId());
        if (request.isEmpty() || request.get().sender() != envelope.sourceAgency()) {
            log.info("ignored a transit key this agency did not ask {} for (or asked for before)",
                    envelope.sourceAgency());
            return;
        }
        if (request.get().privateKey().isEmpty()) {
            keys.forget(event.keyId());
            log.info("a granted transit key arrived after its client was erased here: not kept");
            return;
        }
        TransitKey key;
        try {
            key = KeyExchange.unwrap(request.get().privateKey().get(), event.keyId(), event.wrapped());
        } catch (MalformedMessageException earlierRequest) {
            // a request is sent before its transaction commits, so a rolled-back attempt leaves an answer for a key
            // pair that is gone: the pending request waits for the answer to its own pair
            log.info("ignored a transit key answer for an earlier request of {}: it does not unwrap with the one "
                    + "pending", envelope.sourceAgency());
            return;
        }
        keys.forget(event.keyId());
        keys.store(request.get().clientId(), request.get().category(), key);
        retryAfterCommit(request.get().clientId());
    }

    void refused(TransitKeyRefusedEvent event, EventEnvelope envelope) {
        Optional<ReceivedTransitKeys.PendingRequest> request = keys.request(event.keyId());
        if (request.isEmpty() || request.get().sender() != envelope.sourceAgency()) {
            return;
        }
        keys.forget(event.keyId());
        String reason = "the sender refused the key: " + event.reason();
        for (ParkedMessages.Stored waiting : parked.awaiting(event.keyId())) {
            ParkedMessages.ParkedMessage message = waiting.metadata();
            parked.lockSequence(message.sequenceKey());
            waiting.message().map(codec::decode).filter(EventEnvelope::carriesPersonalData).ifPresent(sealed -> {
                recorder.record(AccessRecord.receiptRefused(sealed.subject(), sealed.consent().categories(),
                                "refused: " + reason)
                        .forPurpose(sealed.consent().purpose()).underConsents(Set.of(sealed.consent().consentId()))
                        .withId(sealed.eventId()));
                processor.getObject().recordRefused(message.topic(), sealed);
            });
            parked.resolve(message, ParkedMessages.Outcome.KEY_REFUSED, RESOLVER, reason);
        }
        retryAfterCommit(request.get().clientId());
    }

    /** The client's parked messages are retried once the answer is committed (in their own transactions). */
    private void retryAfterCommit(String clientId) {
        Runnable retry = () -> processor.getObject().retryParked(clientId, RESOLVER);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    retry.run();
                }
            });
        } else {
            retry.run();
        }
    }
}
