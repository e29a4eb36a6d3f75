package nl.ipsexchange.platform.messaging;

import java.util.Collections;
import java.util.Set;

import nl.ipsexchange.kernel.messaging.EnvelopeCodec;
import nl.ipsexchange.kernel.messaging.EventEnvelope;
import nl.ipsexchange.kernel.messaging.sealing.TransitKeyMissingException;
import nl.ipsexchange.platform.messaging.InboundMessageProcessor.Delivered;
import nl.ipsexchange.platform.messaging.InboundMessageProcessor.Sealing;

/**
 * Sealed messages whose keys this agency does not hold: parked under their client (the client's later messages wait
 * behind them, in order) while the keys are asked for ({@link TransitKeyRequests}); the answer's handler retries the
 * sequence ({@link TransitKeyReceiver}). A message the receipt precheck refuses anyway is recorded as handled
 * instead, without asking. Not a failure of the message.
 */
final class TransitKeyWaits {

    static final String WAITS_FOR_KEY = "waits for the sender's key";

    private final Sealing sealing;
    private final EnvelopeCodec codec;
    private final ParkedMessages parked;
    private final ProcessedMessages processed;
    private final ClientSequences sequences;

    TransitKeyWaits(Sealing sealing, EnvelopeCodec codec, ParkedMessages parked, ProcessedMessages processed,
                    ClientSequences sequences) {
        this.sealing = sealing;
        this.codec = codec;
        this.parked = parked;
        this.processed = processed;
        this.sequences = sequences;
    }

    /**
     * Runs in the caller's transaction, for a message that could not be opened: opened again once its sequence is
     * locked, in case a key arrived meanwhile, and handled then; otherwise it waits.
     */
    ReceiptOutcome await(Delivered delivered, AuthenticMessage message) {
        EventEnvelope envelope = message.envelope();
        Set<String> parkedSequences = sequences.lockAndFindParked(Collections.singletonList(envelope.subject()));
        AuthenticMessage opened;
        try {
            opened = message.opened(sealing.opener());
        } catch (TransitKeyMissingException missing) {
            if (processed.contains(envelope.eventId())) {
                return ReceiptOutcome.DUPLICATE;
            }
            if (parkedSequences.contains(envelope.subject())) {
                return sequences.parkBehind(delivered, envelope);
            }
            if (sealing.precheck().refusedBeforeOpening(envelope)) {
                processed.record(delivered.topic(), envelope); // refused and recorded: handled
                return ReceiptOutcome.HANDLED;
            }
            sealing.requests().ask(envelope, missing.missing());
            parked.park(delivered.topic(), envelope, delivered.message(), delivered.signature(), WAITS_FOR_KEY,
                    missing.missing().get(0).keyId());
            return ReceiptOutcome.AWAITING_KEY;
        }
        return sequences.handle(delivered, opened, codec.payload(opened.envelope()), parkedSequences);
    }

    /**
     * Runs in the caller's transaction, for a parked message retried while a key it needs is still missing.
     *
     * @return {@code true} when it waits for the key again; {@code false} when the receipt precheck refused it, which
     * resolves it as retried
     */
    boolean awaitAgain(ParkedMessages.ParkedMessage metadata, EventEnvelope envelope,
                       TransitKeyMissingException missing, String user) {
        if (!processed.contains(envelope.eventId()) && sealing.precheck().refusedBeforeOpening(envelope)) {
            processed.record(metadata.topic(), envelope);
            parked.resolve(metadata, ParkedMessages.Outcome.RETRIED, user, "refused on receipt");
            return false;
        }
        sealing.requests().ask(envelope, missing.missing());
        parked.awaitKey(metadata, missing.missing().get(0).keyId(), WAITS_FOR_KEY);
        return true;
    }
}
