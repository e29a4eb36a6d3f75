package nl.ipsexchange.platform.messaging;

import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.MeterRegistry;

import nl.ipsexchange.kernel.messaging.EnvelopeCodec;
import nl.ipsexchange.kernel.messaging.EventEnvelope;
import nl.ipsexchange.kernel.messaging.IntegrationEvent;
import nl.ipsexchange.kernel.messaging.MalformedMessageException;
import nl.ipsexchange.kernel.messaging.sealing.TransitKeyDestroyedException;
import nl.ipsexchange.kernel.messaging.sealing.TransitKeyMissingException;
import nl.ipsexchange.platform.messaging.signing.MessageSignature;
import nl.ipsexchange.platform.messaging.signing.MessageVerifier;

/**
 * Handles one inbound Kafka message exactly once in effect: in one database transaction it records the
 * event id in {@code processed_message} and runs the handlers; a message whose id is already recorded
 * (a redelivery after a crash or rebalance) is skipped. A failure rolls back both, so the message is retried.
 *
 * <p>A message that keeps failing while the database is reachable (a poison message: a handler refuses it every
 * time) is parked after {@value #ATTEMPTS_BEFORE_PARKING} attempts, in {@link ParkedMessages}, under its client;
 * later messages about that client are parked behind it in order, other clients keep flowing. An administrator sees
 * the parked messages and retries them ({@link #retryParked}). Failures that say the database or broker is away are
 * never parked: they are retried until they succeed. A message that cannot be read at all goes to the dead-letter
 * topic (see {@link KafkaMessagingConfiguration}).
 *
 * <p>Before anything else, a message must be signed, as received, by the agency its envelope names as its source
 * ({@link SignatureCheck}, ADR 31); one that is not is refused and kept apart, never handled nor retried. A retry of
 * a parked message verifies its stored bytes again.
 *
 * <p>This class orchestrates; each step is a collaborator of its own: {@link SignatureCheck}, {@link TransitKeyWaits}
 * (sealed payloads), {@link ClientSequences} (parking per client), {@link EventHandling} (idempotency through
 * {@link ProcessedMessages}, received-event recording, handlers), {@link PoisonMessages} (retry or park),
 * {@link PollTransaction} (a poll at once), {@link ParkedMessageRetries} and {@link InboundMetrics}.
 */
public class InboundMessageProcessor {

    static final int ATTEMPTS_BEFORE_PARKING = 3;

    private final EnvelopeCodec codec;
    private final TransactionTemplate transactions;
    private final EnvelopeOpener opener;
    private final ProcessedMessages processed;
    private final EventHandling handling;
    private final SignatureCheck signatures;
    private final ClientSequences sequences;
    private final TransitKeyWaits keyWaits;
    private final PoisonMessages poison;
    private final InboundMetrics metrics;
    private final PollTransaction polls;
    private final ParkedMessageRetries retries;

    /**
     * How sealed payloads are opened ({@link EnvelopeOpener}) and the keys they need asked for
     * ({@link TransitKeyRequests}).
     */
    public record Sealing(EnvelopeOpener opener, TransitKeyRequests requests, ReceiptPrecheck precheck) {
    }

    /** A message as the broker delivered it: its topic, its bytes and their signature (null when it has none). */
    public record Delivered(String topic, byte[] message, MessageSignature signature) {

        public static Delivered of(ConsumerRecord<String, byte[]> record) {
            return new Delivered(record.topic(), record.value(), MessageSignature.of(record.headers()).orElse(null));
        }
    }

    /** What a retry achieved. */
    public record RetryResult(int retried, int stillParked, String failure) {
    }

    /** A processor that takes envelopes as they come, unsealed: for tests of the inbound path itself. */
    public InboundMessageProcessor(EnvelopeCodec codec, JdbcTemplate jdbc, TransactionTemplate transactions,
                                   ReceivedEventRecorder recorder, ParkedMessages parked,
                                   List<IntegrationEventHandler<?>> handlers, MessageVerifier verifier,
                                   MeterRegistry meters) {
        this(codec, jdbc, transactions, recorder, parked, handlers, verifier, meters,
                new Sealing(EnvelopeOpener.asTheyCome(), null, ReceiptPrecheck.NONE));
    }

    public InboundMessageProcessor(EnvelopeCodec codec, JdbcTemplate jdbc, TransactionTemplate transactions,
                                   ReceivedEventRecorder recorder, ParkedMessages parked,
                                   List<IntegrationEventHandler<?>> handlers, MessageVerifier verifier,
                                   MeterRegistry meters, Sealing sealing) {
        this.codec = codec;
        this.transactions = transactions;
        this.opener = sealing.opener();
        this.metrics = new InboundMetrics(meters, parked);
        this.processed = new ProcessedMessages(jdbc);
        this.signatures = new SignatureCheck(codec, verifier, transactions, parked, metrics);
        this.handling = new EventHandling(processed, recorder, handlers);
        this.sequences = new ClientSequences(transactions, parked, processed, handling);
        this.keyWaits = new TransitKeyWaits(sealing, codec, parked, processed, sequences);
        this.poison = new PoisonMessages(new FailedAttempts(ATTEMPTS_BEFORE_PARKING), sequences, metrics);
        this.polls = new PollTransaction(transactions, signatures, opener, codec, sequences, handling, poison,
                metrics);
        this.retries = new ParkedMessageRetries(transactions, parked, signatures, opener, codec, handling, keyWaits);
    }

    /**
     * Receives one message from Kafka: handles it, or parks it when it keeps failing.
     *
     * @throws MalformedMessageException when it can never be read (it goes to the dead-letter topic)
     * @throws RuntimeException          when it must be retried (the database is away, or it has not failed often
     *                                   enough to be parked yet)
     */
    public void receive(Delivered delivered) {
        Optional<AuthenticMessage> authentic = signatures.admit(delivered);
        if (authentic.isEmpty()) {
            return;
        }
        try {
            process(delivered, authentic.get());
            poison.handled(authentic.get().envelope().eventId());
        } catch (MalformedMessageException unreadable) {
            throw unreadable;
        } catch (RuntimeException failure) {
            poison.failed(delivered, authentic.get().envelope(), failure);
        }
    }

    /**
     * @return {@code true} when the message was handled now, {@code false} when it had been handled before, was
     * parked behind an earlier message of the same client, or was refused
     * @throws MalformedMessageException when it can never be handled
     */
    public boolean process(Delivered delivered) {
        Optional<AuthenticMessage> authentic = signatures.admit(delivered);
        return authentic.isPresent() && process(delivered, authentic.get());
    }

    private boolean process(Delivered delivered, AuthenticMessage authentic) {
        EventEnvelope envelope = authentic.envelope();
        AuthenticMessage opened;
        try {
            opened = authentic.opened(opener);
        } catch (TransitKeyMissingException missing) {
            return metrics.report(transactions.execute(status -> keyWaits.await(delivered, authentic)),
                    delivered.topic(), envelope);
        } catch (TransitKeyDestroyedException destroyed) {
            // as intended: a revocation or erasure took this copy back; nothing to retry, nothing to dead-letter
            return metrics.report(transactions.execute(status -> handling.recordUnread(delivered.topic(), envelope)
                    ? ReceiptOutcome.UNREADABLE : ReceiptOutcome.DUPLICATE), delivered.topic(), envelope);
        }
        IntegrationEvent event = codec.payload(opened.envelope());
        ReceiptOutcome outcome = transactions.execute(status -> sequences.handle(delivered, opened, event,
                sequences.lockAndFindParked(Collections.singletonList(envelope.subject()))));
        return metrics.report(outcome, delivered.topic(), envelope);
    }

    /**
     * Receives the messages of one poll together, in one database transaction ({@link PollTransaction}). When any of
     * them fails, nothing of it stays and the caller receives them one by one with {@link #receive}, so that a failure
     * is retried, parked or dead-lettered exactly as for a single message.
     *
     * @return whether all were handled (or recognised as handled before, or parked behind a parked message)
     */
    public boolean receiveTogether(List<Delivered> messages) {
        return polls.receive(messages);
    }

    /**
     * Retries a client's parked messages in order, each in a transaction of its own, until the sequence is empty or
     * one fails again (it stays parked, with the attempt counted, and so do the ones behind it).
     */
    public RetryResult retryParked(String sequenceKey, String user) {
        return retries.retry(sequenceKey, user);
    }

    /**
     * Discards one parked message for good, with the administrator's reason (recorded). The messages behind it
     * stay parked until they are retried.
     *
     * @return what became of it; empty when it was not parked
     */
    public Optional<ParkedMessages.Resolution> discardParked(UUID eventId, String user, String reason) {
        return retries.discard(eventId, user, reason);
    }

    /**
     * Records a message as handled without running its handlers, in the caller's transaction: it was refused (its
     * transit key refused by the sender), and a redelivery must not ask again.
     */
    void recordRefused(String topic, EventEnvelope envelope) {
        processed.record(topic, envelope);
    }
}
