package nl.ipsexchange.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.messaging.ConsentReference;
import nl.ipsexchange.kernel.messaging.EnvelopeCodec;
import nl.ipsexchange.kernel.messaging.MalformedMessageException;
import nl.ipsexchange.kernel.status.ClientRegisteredStatusEvent;
import nl.ipsexchange.platform.PlatformDatabase;
import nl.ipsexchange.platform.crypto.ClientDataCipher;
import nl.ipsexchange.platform.crypto.LocalKeyEncryptionKey;
import nl.ipsexchange.platform.messaging.signing.TestKeys;

/**
 * The sequenced dead-letter path on a real PostgreSQL: a poison message is parked after a few attempts under its
 * client, that client's later messages wait behind it in order, other clients keep flowing; an outage is never a
 * reason to park; an administrator retries (in order) or discards with a reason; crypto-shredding reaches parked
 * personal data.
 */
class ParkedMessagesTest {

    private static final String TOPIC = "ips.municipality.inbox";

    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final List<String> handled = new CopyOnWriteArrayList<>();
    private final Set<String> poisoned = ConcurrentHashMap.newKeySet();
    private final List<Long> transactionsSeen = new CopyOnWriteArrayList<>();
    private volatile boolean databaseAway;
    private JdbcTemplate jdbc;
    private ClientDataCipher cipher;
    private ParkedMessages parked;
    private InboundMessageProcessor processor;
    private TransactionTemplate transactions;

    @BeforeEach
    void freshDatabase() {
        DriverManagerDataSource dataSource = PlatformDatabase.fresh("parked");
        jdbc = new JdbcTemplate(dataSource);
        cipher = new ClientDataCipher(jdbc, LocalKeyEncryptionKey.generate());
        parked = new ParkedMessages(jdbc, cipher, Clock.systemUTC());
        IntegrationEventHandler<ClientRegisteredStatusEvent> handler = IntegrationEventHandler.of(
                ClientRegisteredStatusEvent.class, (event, envelope) -> {
                    if (databaseAway) {
                        throw new DataAccessResourceFailureException("connection refused");
                    }
                    if (poisoned.contains(event.clientPseudonym())) {
                        throw new IllegalStateException("this handler cannot take it (and says so with data: "
                                + event.clientPseudonym() + ")");
                    }
                    handled.add(event.clientPseudonym() + "#" + envelope.occurredAt().getEpochSecond());
                    transactionsSeen.add(jdbc.queryForObject("select txid_current()", Long.class));
                });
        transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        processor = new InboundMessageProcessor(codec, jdbc, transactions, ReceivedEventRecorder.NONE,
                parked, List.of(handler), TestKeys.verifier(), new SimpleMeterRegistry());
    }

    @Test
    void aPoisonMessageIsParkedAfterThreeAttemptsAndHoldsBackOnlyItsOwnClient() {
        poisoned.add("client-a");
        byte[] poison = message("client-a", 1, null);
        assertThatThrownBy(() -> receive(TOPIC, poison)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> receive(TOPIC, poison)).isInstanceOf(IllegalStateException.class);
        receive(TOPIC, poison); // third attempt: parked, the consumer moves on

        receive(TOPIC, message("client-a", 2, null)); // behind it, in order
        receive(TOPIC, message("client-b", 3, null)); // another client flows

        assertThat(handled).containsExactly("client-b#3");
        assertThat(parked.all()).extracting(ParkedMessages.ParkedMessage::sequenceKey).containsExactly("client-a",
                "client-a");
        assertThat(parked.all().get(0).reason()).as("no content in the reason: only our exceptions' messages")
                .startsWith("IllegalStateException").doesNotContain("client-a");
        assertThat(parked.all().get(1).reason()).contains("waits behind");
        assertThat(count("processed_message")).isEqualTo(1);
    }

    @Test
    void aPollLocksItsClientsSequencesUntilItsTransactionEndsAndLearnsWhichAreParked() throws Exception {
        poisoned.add("client-a");
        byte[] poison = message("client-a", 1, null);
        for (int attempt = 0; attempt < InboundMessageProcessor.ATTEMPTS_BEFORE_PARKING; attempt++) {
            try {
                receive(TOPIC, poison);
            } catch (IllegalStateException refused) {
                // parked after the last attempt
            }
        }
        assertThat(parked.isParked("client-a")).isTrue();

        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<Set<String>> poll = threads.submit(() -> transactions.execute(status -> {
                Set<String> found = parked.lockSequencesAndFindParked(Arrays.asList(
                        "client-b", "client-a", null, "client-b"));
                locked.countDown();
                await(release);
                return found;
            }));
            assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
            Future<?> retry = threads.submit(() -> transactions.executeWithoutResult(
                    status -> parked.lockSequence("client-b")));
            Thread.sleep(500);
            assertThat(retry).as("another transaction waits for the sequence the poll holds").isNotDone();
            release.countDown();
            assertThat(poll.get(10, TimeUnit.SECONDS)).containsExactly("client-a");
            retry.get(10, TimeUnit.SECONDS);
        } finally {
            release.countDown();
            threads.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void aRetryAfterTheCauseIsFixedHandlesTheClientsMessagesInOrderAndTheSequenceFlowsAgain() {
        poisoned.add("client-a");
        byte[] poison = message("client-a", 1, null);
        parkNow(poison);
        receive(TOPIC, message("client-a", 2, null));

        InboundMessageProcessor.RetryResult stillBroken = processor.retryParked("client-a", "mha.admin");
        assertThat(stillBroken.retried()).isZero();
        assertThat(stillBroken.stillParked()).isEqualTo(2);
        assertThat(parked.all().get(0).attempts()).isEqualTo(1);

        poisoned.clear();
        InboundMessageProcessor.RetryResult fixed = processor.retryParked("client-a", "mha.admin");
        assertThat(fixed).isEqualTo(new InboundMessageProcessor.RetryResult(2, 0, null));
        assertThat(handled).containsExactly("client-a#1", "client-a#2");
        assertThat(parked.resolutions()).extracting(ParkedMessages.Resolution::outcome)
                .containsOnly(ParkedMessages.Outcome.RETRIED).hasSize(2);

        receive(TOPIC, message("client-a", 3, null));
        assertThat(handled).containsExactly("client-a#1", "client-a#2", "client-a#3");
        receive(TOPIC, poison); // a redelivery of a retried message is a duplicate, not a second effect
        assertThat(handled).hasSize(3);
    }

    @Test
    void anOutageIsNeverAReasonToParkTheMessageIsRetriedUntilTheDatabaseIsBack() {
        databaseAway = true;
        byte[] message = message("client-c", 1, null);
        for (int attempt = 0; attempt < 10; attempt++) {
            assertThatThrownBy(() -> receive(TOPIC, message))
                    .isInstanceOf(DataAccessResourceFailureException.class);
        }
        assertThat(parked.count()).isZero();
        databaseAway = false;
        receive(TOPIC, message);
        assertThat(handled).containsExactly("client-c#1");
    }

    @Test
    void anAdministratorDiscardsAParkedMessageWithAReasonThatIsRecorded() {
        poisoned.add("client-d");
        byte[] poison = message("client-d", 1, null);
        parkNow(poison);
        UUID eventId = parked.all().get(0).eventId();

        assertThat(processor.discardParked(eventId, "mha.admin", "sent in error by the source")).isPresent();
        assertThat(processor.discardParked(eventId, "mha.admin", "again")).isEmpty();
        assertThat(parked.count()).isZero();
        assertThat(parked.resolutions()).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(ParkedMessages.Outcome.DISCARDED);
            assertThat(r.resolvedBy()).isEqualTo("mha.admin");
            assertThat(r.reason()).isEqualTo("sent in error by the source");
        });
    }

    @Test
    void parkedPersonalDataIsEncryptedWithTheClientsKeyAndErasedWithIt() {
        poisoned.add("client-e");
        ConsentReference consent = new ConsentReference(UUID.randomUUID(), Purpose.FUNDING_DECISION,
                Set.of(DataCategory.IDENTIFICATION));
        parkNow(message("client-e", 1, consent));
        byte[] stored = jdbc.queryForObject("select message from parked_message", byte[].class);
        assertThat(new String(stored, StandardCharsets.UTF_8)).startsWith("enc2:")
                .doesNotContain("client-e");

        cipher.destroyKey("client-e"); // the client's data is erased at this agency
        InboundMessageProcessor.RetryResult result = processor.retryParked("client-e", "system");
        assertThat(result.stillParked()).isZero();
        assertThat(handled).isEmpty();
        assertThat(parked.resolutions()).extracting(ParkedMessages.Resolution::outcome)
                .containsExactly(ParkedMessages.Outcome.ERASED);
    }

    @Test
    void aPollIsHandledInOneTransactionAndAMessageRedeliveredWithinItIsSkipped() {
        byte[] first = message("client-a", 1, null);
        boolean together = processor.receiveTogether(List.of(TestKeys.delivered(TOPIC, first),
                TestKeys.delivered(TOPIC, message("client-b", 2, null)),
                TestKeys.delivered(TOPIC, first)));

        assertThat(together).isTrue();
        assertThat(handled).containsExactly("client-a#1", "client-b#2");
        assertThat(transactionsSeen).hasSize(2).containsOnly(transactionsSeen.get(0));
        assertThat(count("processed_message")).isEqualTo(2);
        receive(TOPIC, first); // and a later redelivery is recognised as well
        assertThat(handled).hasSize(2);
    }

    @Test
    void aPollWithAParkedClientParksThatClientsMessageBehindAndHandlesTheOthersEachOnce() {
        poisoned.add("client-a");
        parkNow(message("client-a", 1, null));
        poisoned.clear();
        byte[] b = message("client-b", 3, null);
        UUID behindId = UUID.randomUUID();
        List<InboundMessageProcessor.Delivered> poll = List.of(
                TestKeys.delivered(TOPIC, b),
                TestKeys.delivered(TOPIC, message(behindId, "client-a", 2)),
                TestKeys.delivered(TOPIC, message("client-c", 4, null)),
                TestKeys.delivered(TOPIC, b));

        assertThat(processor.receiveTogether(poll)).isTrue();

        assertThat(handled).containsExactly("client-b#3", "client-c#4");
        assertThat(parked.all()).extracting(ParkedMessages.ParkedMessage::eventId).hasSize(2).endsWith(behindId);
        assertThat(count("processed_message")).as("the parked client's message is not processed").isEqualTo(2);
        assertThat(jdbc.queryForObject("select count(*) from processed_message where event_id = ?", Long.class,
                behindId)).isZero();
        assertThat(transactionsSeen).hasSize(2).containsOnly(transactionsSeen.get(0));
    }

    @Test
    void whenOneMessageOfAPollFailsNoneOfItStaysAndOneByOneOnlyTheFailingOneIsRetriedAndParked() {
        poisoned.add("client-b");
        byte[] a = message("client-a", 1, null);
        byte[] poison = message("client-b", 2, null);
        byte[] c = message("client-c", 3, null);
        List<InboundMessageProcessor.Delivered> poll = List.of(TestKeys.delivered(TOPIC, a),
                TestKeys.delivered(TOPIC, poison), TestKeys.delivered(TOPIC, c));

        assertThat(processor.receiveTogether(poll)).isFalse();
        assertThat(count("processed_message")).as("all or nothing").isZero();
        assertThat(parked.count()).as("a failure of the poll together is not an attempt").isZero();

        // as the listener then does: one by one, each in a transaction of its own
        receive(TOPIC, a);
        assertThatThrownBy(() -> receive(TOPIC, poison)).isInstanceOf(IllegalStateException.class);
        assertThat(count("processed_message")).isEqualTo(1);
        // the error handler redelivers from the failing message on; its attempts are counted as for a single one
        assertThat(processor.receiveTogether(poll.subList(1, 3))).isFalse();
        assertThatThrownBy(() -> receive(TOPIC, poison)).isInstanceOf(IllegalStateException.class);
        receive(TOPIC, poison); // third attempt: parked
        receive(TOPIC, c);

        assertThat(parked.all()).extracting(ParkedMessages.ParkedMessage::sequenceKey).containsExactly("client-b");
        assertThat(count("processed_message")).isEqualTo(2);
        assertThat(transactionsSeen).as("a and c, each committed once, in transactions of their own")
                .doesNotHaveDuplicates();
    }

    @Test
    void anUnreadableMessageInAPollSendsTheWholePollOneByOne() {
        byte[] unreadable = "{\"eventId\": \"not even an envelope".getBytes(StandardCharsets.UTF_8);
        assertThat(processor.receiveTogether(List.of(TestKeys.delivered(TOPIC,
                message("client-a", 1, null)), TestKeys.delivered(TOPIC, unreadable)))).isFalse();
        assertThat(count("processed_message")).isZero();
        assertThatThrownBy(() -> receive(TOPIC, unreadable))
                .isInstanceOf(MalformedMessageException.class);
    }

    /** Receives the message as the listener does, signed by the agency it names. */
    private void receive(String topic, byte[] message) {
        processor.receive(TestKeys.delivered(topic, message));
    }

    private void parkNow(byte[] poison) {
        for (int attempt = 0; attempt < InboundMessageProcessor.ATTEMPTS_BEFORE_PARKING; attempt++) {
            try {
                receive(TOPIC, poison);
            } catch (IllegalStateException retried) {
                // retried by Kafka until parked
            }
        }
        assertThat(parked.count()).isEqualTo(1);
    }

    private byte[] message(String client, long second, ConsentReference consent) {
        return message(UUID.randomUUID(), client, second, consent);
    }

    private byte[] message(UUID eventId, String client, long second) {
        return message(eventId, client, second, null);
    }

    private byte[] message(UUID eventId, String client, long second, ConsentReference consent) {
        return codec.encode(codec.wrap(eventId, Agency.MENTAL_HEALTH, Instant.ofEpochSecond(second), consent,
                new ClientRegisteredStatusEvent(client, Agency.MENTAL_HEALTH, LocalDate.of(2026, 1, 1))));
    }

    private long count(String table) {
        Long count = jdbc.queryForObject("select count(*) from " + table, Long.class);
        return count == null ? 0 : count;
    }
}
