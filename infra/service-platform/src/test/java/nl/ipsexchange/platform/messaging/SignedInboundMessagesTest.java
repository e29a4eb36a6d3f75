package nl.ipsexchange.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.Topics;
import nl.ipsexchange.kernel.messaging.EnvelopeCodec;
import nl.ipsexchange.kernel.status.ClientRegisteredStatusEvent;
import nl.ipsexchange.platform.PlatformDatabase;
import nl.ipsexchange.platform.crypto.ClientDataCipher;
import nl.ipsexchange.platform.crypto.LocalKeyEncryptionKey;
import nl.ipsexchange.platform.messaging.signing.MessageSignature;
import nl.ipsexchange.platform.messaging.signing.MessageSigner;
import nl.ipsexchange.platform.messaging.signing.MessageVerifier;
import nl.ipsexchange.platform.messaging.signing.TestKeys;

/**
 * A receiver on a real PostgreSQL takes only what the agency an envelope names has signed: an unsigned message, one
 * signed with a key it does not know, one whose bytes changed, and one signed by another agency are refused, never
 * handled, kept apart under sequences of their own, never retried; the real client's messages keep flowing. A retry of
 * a parked message verifies its stored bytes again. An agency's old and new keys both count while both are trusted.
 */
class SignedInboundMessagesTest {

    private static final String INBOX = Topics.inbox(Agency.BENEFITS);

    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final List<String> handled = new CopyOnWriteArrayList<>();
    private final Set<String> poisoned = ConcurrentHashMap.newKeySet();
    private final KeyPair nextBenefitsKey = TestKeys.generate();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private JdbcTemplate jdbc;
    private ParkedMessages parked;
    private InboundMessageProcessor processor;

    @BeforeEach
    void freshDatabase() {
        DriverManagerDataSource dataSource = PlatformDatabase.fresh("signed");
        jdbc = new JdbcTemplate(dataSource);
        parked = new ParkedMessages(jdbc, new ClientDataCipher(jdbc, LocalKeyEncryptionKey.generate()),
                Clock.systemUTC());
        IntegrationEventHandler<ClientRegisteredStatusEvent> handler = IntegrationEventHandler.of(
                ClientRegisteredStatusEvent.class, (event, envelope) -> {
                    if (poisoned.contains(event.clientPseudonym())) {
                        throw new IllegalStateException("this handler cannot take it");
                    }
                    handled.add(event.clientPseudonym() + " from " + envelope.sourceAgency());
                });
        // during a rotation of the benefits agency's key: its current and its next key are both trusted
        MessageVerifier rotating = TestKeys.verifier(new MessageVerifier.TrustedKey("test-benefits-next",
                "BENEFITS", nextBenefitsKey.getPublic()));
        processor = new InboundMessageProcessor(codec, jdbc,
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)), ReceivedEventRecorder.NONE,
                parked, List.of(handler), rotating, meters);
    }

    @Test
    void forgedMessagesAreRefusedKeptApartAndNeverHandledWhileTheClientsGenuineMessageFlows() {
        byte[] claim = message(UUID.randomUUID(), "client-a", Agency.MENTAL_HEALTH);
        byte[] unknownKey = message(UUID.randomUUID(), "client-a", Agency.MENTAL_HEALTH);
        byte[] wrongSigner = message(UUID.randomUUID(), "client-a", Agency.MENTAL_HEALTH);
        byte[] tampered = message(UUID.randomUUID(), "client-a", Agency.MENTAL_HEALTH);
        MessageSignature genuineOfOther = TestKeys.signer(Agency.MENTAL_HEALTH).sign(INBOX,
                message(UUID.randomUUID(), "client-a", Agency.MENTAL_HEALTH));

        processor.receive(new InboundMessageProcessor.Delivered(INBOX, claim, null));
        processor.receive(TestKeys.signedBy(new MessageSigner("attacker-1", "MENTAL_HEALTH",
                TestKeys.generate().getPrivate()), INBOX, unknownKey));
        processor.receive(TestKeys.signedBy(TestKeys.signer(Agency.BENEFITS), INBOX, wrongSigner));
        processor.receive(new InboundMessageProcessor.Delivered(INBOX, tampered, genuineOfOther));
        byte[] genuine = message(UUID.randomUUID(), "client-a", Agency.MENTAL_HEALTH);
        processor.receive(TestKeys.delivered(INBOX, genuine));

        assertThat(handled).as("only the genuine message").containsExactly("client-a from MENTAL_HEALTH");
        assertThat(count("processed_message")).isEqualTo(1);
        assertThat(parked.all()).hasSize(4).allSatisfy(refused -> {
            assertThat(refused.refused()).isTrue();
            assertThat(refused.sequenceKey()).isEqualTo("refused:" + refused.eventId());
            assertThat(refused.sourceAgency()).isEqualTo("MENTAL_HEALTH");
        });
        assertThat(parked.all()).extracting(ParkedMessages.ParkedMessage::reason).containsExactlyInAnyOrder(
                "the message is not signed",
                "signed with an unknown key attacker-1",
                "signed by BENEFITS (key test-benefits) but claims to come from MENTAL_HEALTH",
                "the signature of key test-mental-health (MENTAL_HEALTH) does not match the message on " + INBOX);
        assertThat(parked.isParked("client-a")).as("no forgery holds up the client").isFalse();
        assertThat(jdbc.queryForObject("select count(*) from parked_message where length(message) > 0",
                Long.class)).as("a forgery's content is not kept").isZero();
        for (String reason : List.of("unsigned", "unknown-key", "signer-is-not-source", "bad-signature")) {
            assertThat(meters.get("ips.inbound.refused").tag("reason", reason).counter().count()).isEqualTo(1);
        }
    }

    @Test
    void eachRefusalIsLoggedAsAWarningNamingTheEventTopicClaimedSourceAndReasonButNoContent() {
        Logger logger = (Logger) LoggerFactory.getLogger(InboundMessageProcessor.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        UUID eventId = UUID.randomUUID();
        try {
            processor.receive(TestKeys.signedBy(TestKeys.signer(Agency.MUNICIPALITY), INBOX,
                    message(eventId, "client-secret-name", Agency.MENTAL_HEALTH)));
        } finally {
            logger.detachAppender(log);
        }

        assertThat(log.list).singleElement().satisfies(line -> {
            assertThat(line.getLevel()).isEqualTo(Level.WARN);
            assertThat(line.getFormattedMessage()).contains(eventId.toString(), INBOX, "MENTAL_HEALTH",
                    "signed by MUNICIPALITY (key test-municipality) but claims to come from MENTAL_HEALTH")
                    .doesNotContain("client-secret-name");
        });
    }

    @Test
    void aRefusedMessageIsNeverRetriedAndTheAdministratorDiscardsIt() {
        UUID eventId = UUID.randomUUID();
        processor.receive(new InboundMessageProcessor.Delivered(INBOX,
                message(eventId, "client-b", Agency.MENTAL_HEALTH), null));

        InboundMessageProcessor.RetryResult retry = processor.retryParked("refused:" + eventId, "benefits.admin");

        assertThat(retry.retried()).isZero();
        assertThat(retry.failure()).contains("never retried");
        assertThat(handled).isEmpty();
        assertThat(processor.discardParked(eventId, "benefits.admin", "forged: reported")).isPresent();
        assertThat(parked.count()).isZero();
    }

    @Test
    void aForgedCopyOfAGenuineMessagesEventIdTakesNothingFromTheGenuineOne() {
        UUID eventId = UUID.randomUUID();
        byte[] genuine = message(eventId, "client-c", Agency.MENTAL_HEALTH);
        processor.receive(new InboundMessageProcessor.Delivered(INBOX, genuine, null)); // the copy, unsigned, first
        poisoned.add("client-c");
        for (int attempt = 0; attempt < InboundMessageProcessor.ATTEMPTS_BEFORE_PARKING; attempt++) {
            try {
                processor.receive(TestKeys.delivered(INBOX, genuine));
            } catch (IllegalStateException retried) {
                // retried until parked
            }
        }

        assertThat(parked.all()).extracting(ParkedMessages.ParkedMessage::sequenceKey)
                .containsExactlyInAnyOrder("refused:" + eventId, "client-c");
        poisoned.clear();
        assertThat(processor.retryParked("client-c", "benefits.admin").retried()).isEqualTo(1);
        assertThat(handled).containsExactly("client-c from MENTAL_HEALTH");
    }

    @Test
    void aRetryVerifiesTheStoredBytesAgainSoAMessageChangedInTheDatabaseIsNotHandled() {
        poisoned.add("client-d");
        byte[] genuine = message(UUID.randomUUID(), "client-d", Agency.MENTAL_HEALTH);
        for (int attempt = 0; attempt < InboundMessageProcessor.ATTEMPTS_BEFORE_PARKING; attempt++) {
            try {
                processor.receive(TestKeys.delivered(INBOX, genuine));
            } catch (IllegalStateException retried) {
                // retried until parked
            }
        }
        String altered = new String(genuine, StandardCharsets.UTF_8).replace("client-d", "client-x");
        jdbc.update("update parked_message set message = ? where sequence_key = 'client-d'",
                (Object) altered.getBytes(StandardCharsets.UTF_8));
        poisoned.clear();

        InboundMessageProcessor.RetryResult retry = processor.retryParked("client-d", "benefits.admin");

        assertThat(retry.retried()).isZero();
        assertThat(retry.failure()).contains("does not match the message");
        assertThat(handled).isEmpty();
        assertThat(parked.countIn("client-d")).isEqualTo(1);
    }

    @Test
    void whileTheBenefitsAgencysOldAndNewKeysAreTrustedMessagesSignedWithEitherAreHandled() {
        MessageSigner renewed = new MessageSigner("test-benefits-next", "BENEFITS", nextBenefitsKey.getPrivate());

        processor.receive(TestKeys.delivered(Topics.STATUS, message(UUID.randomUUID(), "client-e",
                Agency.BENEFITS)));
        processor.receive(TestKeys.signedBy(renewed, Topics.STATUS, message(UUID.randomUUID(), "client-f",
                Agency.BENEFITS)));

        assertThat(handled).containsExactly("client-e from BENEFITS", "client-f from BENEFITS");
        assertThat(parked.count()).isZero();
    }

    @Test
    void aPollWithARefusedMessageIsReceivedOneByOneWhereOnlyTheForgeryIsRefused() {
        byte[] genuine = message(UUID.randomUUID(), "client-g", Agency.MENTAL_HEALTH);
        byte[] forged = message(UUID.randomUUID(), "client-g", Agency.MENTAL_HEALTH);
        List<InboundMessageProcessor.Delivered> poll = List.of(TestKeys.delivered(INBOX, genuine),
                TestKeys.signedBy(TestKeys.signer(Agency.INSURER), INBOX, forged));

        assertThat(processor.receiveTogether(poll)).isFalse();
        assertThat(handled).isEmpty();
        poll.forEach(processor::receive);

        assertThat(handled).containsExactly("client-g from MENTAL_HEALTH");
        assertThat(parked.all()).singleElement().satisfies(refused -> assertThat(refused.reason())
                .isEqualTo("signed by INSURER (key test-insurer) but claims to come from MENTAL_HEALTH"));
    }

    private byte[] message(UUID eventId, String client, Agency source) {
        return codec.encode(codec.wrap(eventId, source, Instant.ofEpochSecond(1), null,
                new ClientRegisteredStatusEvent(client, source, LocalDate.of(2026, 1, 1))));
    }

    private long count(String table) {
        Long count = jdbc.queryForObject("select count(*) from " + table, Long.class);
        return count == null ? 0 : count;
    }
}
