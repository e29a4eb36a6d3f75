package nl.ipsexchange.platform.messaging;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import nl.ipsexchange.kernel.messaging.EnvelopeCodec;
import nl.ipsexchange.kernel.messaging.EventEnvelope;
import nl.ipsexchange.kernel.messaging.IntegrationEvent;
import nl.ipsexchange.kernel.messaging.MalformedMessageException;
import nl.ipsexchange.kernel.messaging.sealing.TransitKeyMissingException;
import nl.ipsexchange.platform.messaging.signing.MessageSignature;
import nl.ipsexchange.platform.messaging.signing.MessageVerifier;
import nl.ipsexchange.platform.messaging.signing.RefusedMessageException;

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
 * ({@link MessageVerifier}, ADR 31). One that is not is refused: never handled, never recorded as processed, kept in
 * {@link ParkedMessages} with the reason under a sequence of its own (a forgery holds up no client's messages) and
 * never retried; logged and counted ({@code ips.inbound.refused}). A retry of a parked message verifies its stored
 * bytes again.
 */
public class InboundMessageProcessor {

    static final int ATTEMPTS_BEFORE_PARKING = 3;

    private static final Logger log = LoggerFactory.getLogger(InboundMessageProcessor.class);

    private final EnvelopeCodec codec;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ReceivedEventRecorder recorder;
    private final ParkedMessages parked;
    private final Map<Class<?>, List<IntegrationEventHandler<?>>> handlers;
    private final Map<UUID, Integer> failures = Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Integer> eldest) {
            return size() > 10_000;
        }
    });
    private final Counter processed;
    private final Counter duplicates;
    private final Counter parkings;
    private final MessageVerifier verifier;
    private final Map<RefusedMessageException.Reason, Counter> refusals =
            new EnumMap<>(RefusedMessageException.Reason.class);
    private final Sealing sealing;

    /**
     * How sealed payloads are opened ({@link EnvelopeOpener}) and the keys they need asked for
     * ({@link TransitKeyRequests}).
     */
    public record Sealing(EnvelopeOpener opener, TransitKeyRequests requests, ReceiptPrecheck precheck) {
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
        this.verifier = verifier;
        this.sealing = sealing;
        for (RefusedMessageException.Reason reason : RefusedMessageException.Reason.values()) {
            refusals.put(reason, Counter.builder("ips.inbound.refused").tag("reason", reason.tag())
                    .description("inbound messages refused: not signed by the agency they claim to come from")
                    .register(meters));
        }
        this.codec = codec;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.recorder = recorder;
        this.parked = parked;
        this.handlers = handlers.stream().collect(Collectors.groupingBy(IntegrationEventHandler::eventType,
                Collectors.toCollection(ArrayList::new)));
        this.processed = Counter.builder("ips.inbound.processed").register(meters);
        this.duplicates = Counter.builder("ips.inbound.duplicates").register(meters);
        this.parkings = Counter.builder("ips.inbound.parked").description("inbound messages parked").register(meters);
        Gauge.builder("ips.inbound.parked.current", parked, ParkedMessages::count)
                .description("inbound messages waiting for an administrator").register(meters);
    }

    /**
     * Receives one message from Kafka: handles it, or parks it when it keeps failing.
     *
     * @throws MalformedMessageException when it can never be read (it goes to the dead-letter topic)
     * @throws RuntimeException          when it must be retried (the database is away, or it has not failed often
     *                                   enough to be parked yet)
     */
    public void receive(Delivered delivered) {
        Optional<Authentic> authentic = authenticate(delivered);
        if (authentic.isEmpty()) {
            return;
        }
        String topic = delivered.topic();
        EventEnvelope envelope = authentic.get().envelope();
        try {
            process(delivered, authentic.get());
            failures.remove(envelope.eventId());
        } catch (MalformedMessageException unreadable) {
            throw unreadable;
        } catch (RuntimeException failure) {
            if (MessageFailures.isTransient(failure)) {
                log.warn("{} {} from {} not handled yet, will retry: {}", envelope.type(), envelope.eventId(), topic,
                        MessageFailures.describe(failure));
                throw failure;
            }
            int attempts = failures.merge(envelope.eventId(), 1, Integer::sum);
            if (attempts < ATTEMPTS_BEFORE_PARKING) {
                log.warn("{} {} from {} failed (attempt {}), will retry: {}", envelope.type(), envelope.eventId(),
                        topic, attempts, MessageFailures.describe(failure));
                throw failure;
            }
            String reason = MessageFailures.describe(failure);
            transactions.executeWithoutResult(status -> {
                parked.lockSequence(envelope.subject());
                parked.park(topic, envelope, delivered.message(), delivered.signature(), reason);
            });
            failures.remove(envelope.eventId());
            parkings.increment();
            log.error("parked {} {} from {} after {} attempts, and with it the client's later messages: {}",
                    envelope.type(), envelope.eventId(), topic, attempts, reason);
        }
    }

    /**
     * @return {@code true} when the message was handled now, {@code false} when it had been handled before, was
     * parked behind an earlier message of the same client, or was refused
     * @throws MalformedMessageException when it can never be handled
     */
    public boolean process(Delivered delivered) {
        Optional<Authentic> authentic = authenticate(delivered);
        return authentic.isPresent() && process(delivered, authentic.get());
    }

    private boolean process(Delivered delivered, Authentic authentic) {
        EventEnvelope envelope = authentic.envelope();
        Authentic opened;
        try {
            opened = authentic.opened(sealing.opener());
        } catch (TransitKeyMissingException missing) {
            return report(transactions.execute(status -> awaitKeys(delivered, authentic)), delivered.topic(),
                    envelope);
        }
        IntegrationEvent event = codec.payload(opened.envelope());
        Outcome outcome = transactions.execute(status -> processInTransaction(delivered, opened, event,
                parked.lockSequencesAndFindParked(Collections.singletonList(envelope.subject()))));
        return report(outcome, delivered.topic(), envelope);
    }

    /**
     * A sealed message whose keys this agency does not hold: parked under its client (the client's later messages
     * wait behind it, in order) while the keys are asked for; the answer's handler retries the sequence. Opened
     * again once the sequence is locked, in case a key arrived meanwhile. Not a failure of the message.
     */
    private Outcome awaitKeys(Delivered delivered, Authentic authentic) {
        EventEnvelope envelope = authentic.envelope();
        Set<String> parkedSequences = parked.lockSequencesAndFindParked(
                Collections.singletonList(envelope.subject()));
        Authentic opened;
        try {
            opened = authentic.opened(sealing.opener());
        } catch (TransitKeyMissingException missing) {
            if (alreadyProcessed(envelope.eventId())) {
                return Outcome.DUPLICATE;
            }
            if (parkedSequences.contains(envelope.subject())) {
                parked.park(delivered.topic(), envelope, delivered.message(), delivered.signature(),
                        "waits behind an earlier parked message about the same client");
                return Outcome.PARKED;
            }
            if (sealing.precheck().refusedBeforeOpening(envelope)) {
                recordProcessed(List.of(new Received(delivered.topic(), envelope))); // refused and recorded: handled
                return Outcome.HANDLED;
            }
            sealing.requests().ask(envelope, missing.missing());
            parked.park(delivered.topic(), envelope, delivered.message(), delivered.signature(), WAITS_FOR_KEY,
                    missing.missing().get(0).keyId());
            return Outcome.AWAITING_KEY;
        }
        return processInTransaction(delivered, opened, codec.payload(opened.envelope()), parkedSequences);
    }

    static final String WAITS_FOR_KEY = "waits for the sender's key";

    /** A message's envelope, shown to be signed by its source. */
    private record Authentic(EventEnvelope envelope, MessageVerifier.Verified verified) {

        /** The same message with its sealed payload opened (unchanged when it carries none). */
        Authentic opened(EnvelopeOpener opener) {
            return new Authentic(opener.open(envelope), verified);
        }
    }

    /**
     * @throws RefusedMessageException   when it is not signed, as received, by the agency it names as its source
     * @throws MalformedMessageException when it is signed but cannot be read
     */
    private Authentic authentic(Delivered delivered) {
        // the signature first: nothing of an unverified message is read but what it takes to refuse it
        MessageVerifier.Verified verified = verifier.verify(delivered.topic(), delivered.message(),
                delivered.signature());
        EventEnvelope envelope = codec.decode(delivered.message());
        return new Authentic(envelope, verified.requireSigner(envelope.sourceAgency().name()));
    }

    /** The message when it is authentic; empty when it is refused (kept apart, logged, counted). */
    private Optional<Authentic> authenticate(Delivered delivered) {
        try {
            return Optional.of(authentic(delivered));
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
            refusals.get(refusal.reason()).increment();
            log.warn("refused an unreadable message on {}: {}; it goes to the dead-letter topic", delivered.topic(),
                    refusal.getMessage());
            throw unreadable;
        }
        transactions.executeWithoutResult(status -> parked.parkRefused(delivered.topic(), claimed,
                delivered.signature(), refusal.getMessage()));
        refusals.get(refusal.reason()).increment();
        // the type is the forger's text: printed only as a short line of visible characters
        String type = claimed.type().replaceAll("[^\\p{Graph}]", "?");
        log.warn("refused {} {} on {} claiming to come from {}: {}; kept apart, never handled",
                type.length() <= 100 ? type : type.substring(0, 100), claimed.eventId(), delivered.topic(),
                claimed.sourceAgency(), refusal.getMessage());
    }

    /**
     * Receives the messages of one poll together: all of them in one database transaction, so that a busy reader
     * commits once per poll instead of once per message. When any of them fails (or cannot be read), nothing of the
     * transaction stays and the caller receives them one by one with {@link #receive}, so that a failure is retried,
     * parked or dead-lettered exactly as for a single message.
     *
     * @return whether all were handled (or recognised as handled before, or parked behind a parked message)
     */
    public boolean receiveTogether(List<Delivered> messages) {
        List<EventEnvelope> envelopes = new ArrayList<>(messages.size());
        List<Authentic> authentics = new ArrayList<>(messages.size());
        List<IntegrationEvent> events = new ArrayList<>(messages.size());
        List<Outcome> outcomes;
        try {
            for (Delivered delivered : messages) {
                // one refused message sends the poll one by one, where it is refused and kept apart
                // a message whose transit key is not here yet sends the poll one by one too, where it waits for it
                Authentic authentic = authentic(delivered).opened(sealing.opener());
                authentics.add(authentic);
                envelopes.add(authentic.envelope());
                events.add(codec.payload(authentic.envelope()));
            }
            outcomes = transactions.execute(status -> {
                // a message is parked here only behind one parked before: which sequences hold one does not change
                Set<String> parkedSequences = parked.lockSequencesAndFindParked(
                        envelopes.stream().map(EventEnvelope::subject).toList());
                // the poll's event ids recorded in one statement, and the events its recorder keeps (status) in one
                // more: a busy reader's round trips per poll stay the same however many messages it holds
                List<Integer> flowing = new ArrayList<>(messages.size());
                for (int i = 0; i < messages.size(); i++) {
                    if (!parkedSequences.contains(envelopes.get(i).subject())) {
                        flowing.add(i);
                    }
                }
                Set<UUID> fresh = recordProcessed(flowing.stream()
                        .map(i -> new Received(messages.get(i).topic(), envelopes.get(i))).toList());
                Map<UUID, EventEnvelope> kept = new LinkedHashMap<>();
                for (int i : flowing) {
                    if (fresh.contains(envelopes.get(i).eventId()) && recorder.accepts(messages.get(i).topic())) {
                        kept.putIfAbsent(envelopes.get(i).eventId(), envelopes.get(i));
                    }
                }
                recorder.recordAll(List.copyOf(kept.values()));
                List<Outcome> each = new ArrayList<>(messages.size());
                for (int i = 0; i < messages.size(); i++) {
                    Delivered delivered = messages.get(i);
                    EventEnvelope envelope = envelopes.get(i);
                    if (parkedSequences.contains(envelope.subject())) {
                        each.add(processInTransaction(delivered, authentics.get(i), events.get(i),
                                parkedSequences));
                    } else if (fresh.remove(envelope.eventId())) { // the first of a poll's copies is handled
                        dispatch(events.get(i), envelope, authentics.get(i).verified());
                        each.add(Outcome.HANDLED);
                    } else {
                        each.add(Outcome.DUPLICATE);
                    }
                }
                return each;
            });
        } catch (RuntimeException failure) {
            log.debug("a poll of {} messages is received one by one: {}", messages.size(),
                    MessageFailures.describe(failure));
            return false;
        }
        for (int i = 0; i < messages.size(); i++) {
            failures.remove(envelopes.get(i).eventId());
            report(outcomes.get(i), messages.get(i).topic(), envelopes.get(i));
        }
        return true;
    }

    /** A message as the broker delivered it: its topic, its bytes and their signature (null when it has none). */
    public record Delivered(String topic, byte[] message, MessageSignature signature) {

        public static Delivered of(ConsumerRecord<String, byte[]> record) {
            return new Delivered(record.topic(), record.value(), MessageSignature.of(record.headers()).orElse(null));
        }
    }

    /**
     * Runs in the caller's transaction, which holds the lock of the message's sequence and has read which sequences
     * hold parked messages ({@link ParkedMessages#lockSequencesAndFindParked}).
     */
    private Outcome processInTransaction(Delivered delivered, Authentic authentic, IntegrationEvent event,
                                         Set<String> parkedSequences) {
        EventEnvelope envelope = authentic.envelope();
        if (parkedSequences.contains(envelope.subject())) {
            if (alreadyProcessed(envelope.eventId())) {
                return Outcome.DUPLICATE;
            }
            parked.park(delivered.topic(), envelope, delivered.message(), delivered.signature(),
                    "waits behind an earlier parked message about the same client");
            return Outcome.PARKED;
        }
        return handle(delivered.topic(), envelope, event, authentic.verified()) ? Outcome.HANDLED : Outcome.DUPLICATE;
    }

    private boolean report(Outcome outcome, String topic, EventEnvelope envelope) {
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

    /**
     * Retries a client's parked messages in order, each in a transaction of its own, until the sequence is empty or
     * one fails again (it stays parked, with the attempt counted, and so do the ones behind it).
     */
    public RetryResult retryParked(String sequenceKey, String user) {
        int retried = 0;
        while (true) {
            try {
                RetryStep step = transactions.execute(status -> {
                    parked.lockSequence(sequenceKey);
                    var head = parked.head(sequenceKey);
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
                    Authentic authentic = authentic(new Delivered(metadata.topic(), head.get().message().get(),
                            head.get().signature()));
                    EventEnvelope envelope = authentic.envelope();
                    Authentic opened;
                    try {
                        opened = authentic.opened(sealing.opener());
                    } catch (TransitKeyMissingException missing) {
                        if (!alreadyProcessed(envelope.eventId())
                                && sealing.precheck().refusedBeforeOpening(envelope)) {
                            recordProcessed(List.of(new Received(metadata.topic(), envelope)));
                            parked.resolve(metadata, ParkedMessages.Outcome.RETRIED, user, "refused on receipt");
                            return RetryStep.NEXT;
                        }
                        sealing.requests().ask(envelope, missing.missing());
                        parked.awaitKey(metadata, missing.missing().get(0).keyId(), WAITS_FOR_KEY);
                        return RetryStep.AWAITING_KEY;
                    }
                    handle(metadata.topic(), opened.envelope(), codec.payload(opened.envelope()), opened.verified());
                    parked.resolve(metadata, ParkedMessages.Outcome.RETRIED, user, null);
                    return RetryStep.NEXT;
                });
                if (step == RetryStep.EMPTY) {
                    log.info("retried {} parked messages of a client's sequence; none left", retried);
                    return new RetryResult(retried, 0, null);
                }
                if (step == RetryStep.AWAITING_KEY) {
                    log.info("retried {} parked messages of a client's sequence; the next waits for a transit key",
                            retried);
                    return new RetryResult(retried, parked.countIn(sequenceKey), WAITS_FOR_KEY);
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

    /**
     * Discards one parked message for good, with the administrator's reason (recorded). The messages behind it
     * stay parked until they are retried.
     *
     * @return what became of it; empty when it was not parked
     */
    public Optional<ParkedMessages.Resolution> discardParked(UUID eventId, String user, String reason) {
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

    /** What a retry achieved. */
    public record RetryResult(int retried, int stillParked, String failure) {
    }

    /** A parked message that no retry may handle: one refused on receipt. */
    static final class NotRetriableException extends RuntimeException {
        NotRetriableException(String message) {
            super(message, null, false, false);
        }
    }

    private enum Outcome { HANDLED, DUPLICATE, PARKED, AWAITING_KEY }

    /** Where a retry of a sequence stands after one message. */
    private enum RetryStep { NEXT, EMPTY, AWAITING_KEY }

    private boolean alreadyProcessed(UUID eventId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from processed_message where event_id = ?)", Boolean.class, eventId));
    }

    /** Runs in the caller's transaction: records the event id and runs the handlers, once. */
    private boolean handle(String topic, EventEnvelope envelope, IntegrationEvent event,
                           MessageVerifier.Verified verified) {
        if (recordProcessed(List.of(new Received(topic, envelope))).isEmpty()) {
            return false;
        }
        if (recorder.accepts(topic)) {
            recorder.recordAll(List.of(envelope));
        }
        dispatch(event, envelope, verified);
        return true;
    }

    /**
     * Records a message as handled without running its handlers, in the caller's transaction: it was refused (its
     * transit key refused by the sender), and a redelivery must not ask again.
     */
    void recordRefused(String topic, EventEnvelope envelope) {
        recordProcessed(List.of(new Received(topic, envelope)));
    }

    /** A message to be recorded as processed: the topic it came from and its envelope. */
    private record Received(String topic, EventEnvelope envelope) {
    }

    /**
     * Records the messages' event ids as processed, in one statement, in the caller's transaction.
     *
     * @return the ids recorded now (a mutable set); an id recorded before (a redelivery) is absent, and so is every
     * copy but the first of an id that the list holds more than once
     */
    private Set<UUID> recordProcessed(List<Received> received) {
        Map<UUID, Received> distinct = new LinkedHashMap<>();
        received.forEach(message -> distinct.putIfAbsent(message.envelope().eventId(), message));
        if (distinct.isEmpty()) {
            return new HashSet<>();
        }
        int n = distinct.size();
        Object[] ids = new Object[n];
        Object[] types = new Object[n];
        Object[] sources = new Object[n];
        Object[] topics = new Object[n];
        int i = 0;
        for (Received message : distinct.values()) {
            ids[i] = message.envelope().eventId();
            types[i] = message.envelope().type();
            sources[i] = message.envelope().sourceAgency().name();
            topics[i++] = message.topic();
        }
        return new HashSet<>(jdbc.query(connection -> {
            var statement = connection.prepareStatement("""
                    insert into processed_message (event_id, event_type, source_agency, topic, processed_at)
                    select m.event_id, m.event_type, m.source_agency, m.topic, now()
                    from unnest(?::uuid[], ?::varchar[], ?::varchar[], ?::varchar[])
                         as m(event_id, event_type, source_agency, topic)
                    on conflict (event_id) do nothing
                    returning event_id""");
            statement.setArray(1, connection.createArrayOf("uuid", ids));
            statement.setArray(2, connection.createArrayOf("varchar", types));
            statement.setArray(3, connection.createArrayOf("varchar", sources));
            statement.setArray(4, connection.createArrayOf("varchar", topics));
            return statement;
        }, (row, rowNumber) -> row.getObject(1, UUID.class)));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void dispatch(IntegrationEvent event, EventEnvelope envelope, MessageVerifier.Verified verified) {
        for (IntegrationEventHandler handler : handlers.getOrDefault(event.getClass(), List.of())) {
            handler.handle(event, envelope, verified);
        }
    }
}
