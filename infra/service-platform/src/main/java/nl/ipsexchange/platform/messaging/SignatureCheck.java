package nl.ipsexchange.platform.messaging;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import nl.ipsexchange.kernel.messaging.EnvelopeCodec;
import nl.ipsexchange.kernel.messaging.EventEnvelope;
import nl.ipsexchange.kernel.messaging.MalformedMessageException;
import nl.ipsexchange.platform.messaging.InboundMessageProcessor.Delivered;
import nl.ipsexchange.platform.messaging.signing.MessageVerifier;
import nl.ipsexchange.platform.messaging.signing.RefusedMessageException;

/**
 * Lets in only messages signed, as received, by the agency their envelope names as their source ({@link
 * MessageVerifier}, ADR 31). One that is not is refused: kept in {@link ParkedMessages} with the reason under a
 * sequence of its own (a forgery holds up no client's messages), logged and counted; never handled.
 */
final class SignatureCheck {

    // the inbound path logs under one name, the processor's, wherever its lines now come from
    private static final Logger log = LoggerFactory.getLogger(InboundMessageProcessor.class);

    private final EnvelopeCodec codec;
    private final MessageVerifier verifier;
    private final TransactionTemplate transactions;
    private final ParkedMessages parked;
    private final InboundMetrics metrics;

    SignatureCheck(EnvelopeCodec codec, MessageVerifier verifier, TransactionTemplate transactions,
                   ParkedMessages parked, InboundMetrics metrics) {
        this.codec = codec;
        this.verifier = verifier;
        this.transactions = transactions;
        this.parked = parked;
        this.metrics = metrics;
    }

    /**
     * @throws RefusedMessageException   when it is not signed, as received, by the agency it names as its source
     * @throws MalformedMessageException when it is signed but cannot be read
     */
    AuthenticMessage verify(Delivered delivered) {
        // the signature first: nothing of an unverified message is read but what it takes to refuse it
        MessageVerifier.Verified verified = verifier.verify(delivered.topic(), delivered.message(),
                delivered.signature());
        EventEnvelope envelope = codec.decode(delivered.message());
        return new AuthenticMessage(envelope, verified.requireSigner(envelope.sourceAgency().name()));
    }

    /**
     * @return the message when it is authentic; empty when it is refused (kept apart, logged, counted)
     * @throws MalformedMessageException when it cannot be read (it goes to the dead-letter topic)
     */
    Optional<AuthenticMessage> admit(Delivered delivered) {
        try {
            return Optional.of(verify(delivered));
        } catch (RefusedMessageException refusal) {
            refuse(delivered, refusal);
            return Optional.empty();
        }
    }

    private void refuse(Delivered delivered, RefusedMessageException refusal) {
        EventEnvelope claimed;
        try {
            claimed = codec.decode(delivered.message());
        } catch (MalformedMessageException unreadable) {
            metrics.refused(refusal.reason());
            log.warn("refused an unreadable message on {}: {}; it goes to the dead-letter topic", delivered.topic(),
                    refusal.getMessage());
            throw unreadable;
        }
        transactions.executeWithoutResult(status -> parked.parkRefused(delivered.topic(), claimed,
                delivered.signature(), refusal.getMessage()));
        metrics.refused(refusal.reason());
        // the type is the forger's text: printed only as a short line of visible characters
        String type = claimed.type().replaceAll("[^\\p{Graph}]", "?");
        log.warn("refused {} {} on {} claiming to come from {}: {}; kept apart, never handled",
                type.length() <= 100 ? type : type.substring(0, 100), claimed.eventId(), delivered.topic(),
                claimed.sourceAgency(), refusal.getMessage());
    }
}
