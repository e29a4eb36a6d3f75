package nl.ipsexchange.platform.messaging;

import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import nl.ipsexchange.kernel.messaging.EnvelopeCodec;
import nl.ipsexchange.kernel.messaging.EventEnvelope;
import nl.ipsexchange.kernel.messaging.sealing.TransitKeyDestroyedException;
import nl.ipsexchange.kernel.messaging.sealing.TransitKeyMissingException;
import nl.ipsexchange.platform.messaging.InboundMessageProcessor.Delivered;
import nl.ipsexchange.platform.messaging.InboundMessageProcessor.RetryResult;

/**
 * What an administrator (or a transit key's arrival) does with parked messages: retry a client's sequence in order,
 * or discard one message for good.
 */
final class ParkedMessageRetries {

    // the inbound path logs under one name, the processor's, wherever its lines now come from
    private static final Logger log = LoggerFactory.getLogger(InboundMessageProcessor.class);

    /** Where a retry of a sequence stands after one message. */
    private enum RetryStep { NEXT, EMPTY, AWAITING_KEY }

    /** A parked message that no retry may handle: one refused on receipt. */
    static final class NotRetriableException extends RuntimeException {
        NotRetriableException(String message) {
            super(message, null, false, false);
        }
    }

    private final TransactionTemplate transactions;
    private final ParkedMessages parked;
    private final SignatureCheck signatures;
    private final EnvelopeOpener opener;
    private final EnvelopeCodec codec;
    private final EventHandling handling;
    private final TransitKeyWaits keyWaits;

    ParkedMessageRetries(TransactionTemplate transactions, ParkedMessages parked, SignatureCheck signatures,
                         EnvelopeOpener opener, EnvelopeCodec codec, EventHandling handling,
                         TransitKeyWaits keyWaits) {
        this.transactions = transactions;
        this.parked = parked;
        this.signatures = signatures;
        this.opener = opener;
        this.codec = codec;
        this.handling = handling;
        this.keyWaits = keyWaits;
    }

    /**
     * Retries a client's parked messages in order, each in a transaction of its own, until the sequence is empty or
     * one fails again (it stays parked, with the attempt counted, and so do the ones behind it).
     */
    RetryResult retry(String sequenceKey, String user) {
        int retried = 0;
        while (true) {
            try {
                RetryStep step = transactions.execute(status -> retryHead(sequenceKey, user));
                if (step == RetryStep.EMPTY) {
                    log.info("retried {} parked messages of a client's sequence; none left", retried);
                    return new RetryResult(retried, 0, null);
                }
                if (step == RetryStep.AWAITING_KEY) {
                    log.info("retried {} parked messages of a client's sequence; the next waits for a transit key",
                            retried);
                    return new RetryResult(retried, parked.countIn(sequenceKey), TransitKeyWaits.WAITS_FOR_KEY);
                }
                retried++;
            } catch (RuntimeException failure) {
                String reason = MessageFailures.describe(failure);
                transactions.executeWithoutResult(status -> parked.recordFailedAttempt(sequenceKey, reason));
                int remaining = parked.countIn(sequenceKey);
                log.warn("retry of a parked message failed again ({} retried, {} still parked): {}", retried,
                        remaining, reason);
                return new RetryResult(retried, remaining, reason);
            }
        }
    }

    /** Runs in the caller's transaction: the first parked message of the sequence, handled and resolved. */
    private RetryStep retryHead(String sequenceKey, String user) {
        parked.lockSequence(sequenceKey);
        Optional<ParkedMessages.Stored> head = parked.head(sequenceKey);
        if (head.isEmpty()) {
            return RetryStep.EMPTY;
        }
        ParkedMessages.ParkedMessage metadata = head.get().metadata();
        if (metadata.refused()) {
            throw new NotRetriableException("it was refused on receipt (" + metadata.reason()
                    + ") and is never retried: discard it");
        }
        if (head.get().message().isEmpty()) {
            parked.resolve(metadata, ParkedMessages.Outcome.ERASED, user,
                    "the client's data key was destroyed: the content no longer exists");
            return RetryStep.NEXT;
        }
        // verified again: stored bytes are only as trustworthy as the database they were kept in
        AuthenticMessage message = signatures.verify(new Delivered(metadata.topic(), head.get().message().get(),
                head.get().signature()));
        EventEnvelope envelope = message.envelope();
        AuthenticMessage opened;
        try {
            opened = message.opened(opener);
        } catch (TransitKeyMissingException missing) {
            return keyWaits.awaitAgain(metadata, envelope, missing, user) ? RetryStep.AWAITING_KEY : RetryStep.NEXT;
        } catch (TransitKeyDestroyedException destroyed) {
            handling.recordUnread(metadata.topic(), envelope);
            parked.resolve(metadata, ParkedMessages.Outcome.ERASED, user,
                    "sealed under a transit key destroyed since it was sent: it can no longer be read");
            return RetryStep.NEXT;
        }
        handling.handle(metadata.topic(), opened, codec.payload(opened.envelope()));
        parked.resolve(metadata, ParkedMessages.Outcome.RETRIED, user, null);
        return RetryStep.NEXT;
    }

    /**
     * Discards one parked message for good, with the administrator's reason (recorded). The messages behind it
     * stay parked until they are retried.
     *
     * @return what became of it; empty when it was not parked
     */
    Optional<ParkedMessages.Resolution> discard(UUID eventId, String user, String reason) {
        Optional<ParkedMessages.Resolution> discarded = transactions.execute(status -> parked.find(eventId)
                .map(message -> {
                    parked.lockSequence(message.sequenceKey());
                    return parked.resolve(message, ParkedMessages.Outcome.DISCARDED, user, reason);
                }));
        if (discarded != null && discarded.isPresent()) {
            log.warn("parked message {} discarded by an administrator", eventId);
            return discarded;
        }
        return Optional.empty();
    }
}
