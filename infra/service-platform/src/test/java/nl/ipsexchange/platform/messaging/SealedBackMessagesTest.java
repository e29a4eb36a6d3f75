package nl.ipsexchange.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.Topics;
import nl.ipsexchange.kernel.meeting.MeetingDecisionSharedEvent;
import nl.ipsexchange.kernel.messaging.EnvelopeCodec;
import nl.ipsexchange.kernel.messaging.EventEnvelope;
import nl.ipsexchange.kernel.messaging.MalformedMessageException;
import nl.ipsexchange.kernel.messaging.sealing.EnvelopeSealing;
import nl.ipsexchange.kernel.messaging.sealing.HeldTransitKey;
import nl.ipsexchange.kernel.messaging.sealing.IssuedTransitKey;
import nl.ipsexchange.kernel.messaging.sealing.TransitKey;
import nl.ipsexchange.platform.PlatformDatabase;
import nl.ipsexchange.platform.crypto.ClientDataCipher;
import nl.ipsexchange.platform.crypto.LocalKeyEncryptionKey;
import nl.ipsexchange.platform.messaging.signing.TestKeys;

/**
 * The client's provider, on a real PostgreSQL, receives a funder's meeting decision sealed back for it with a transit
 * key it issued to that funder (ADR 51): opened and handled while the key lasts; once the provider has destroyed the
 * key, resolved unread (recorded as processed, counted, logged without content), neither retried, parked nor
 * dead-lettered; a decision sent in the clear before keeps being read; one sealed with a key issued to another agency
 * is malformed.
 */
class SealedBackMessagesTest {

    private static final String INBOX = Topics.inbox(Agency.MENTAL_HEALTH);
    private static final String CLIENT = "c1c1c1c1-0000-4000-8000-000000000001";
    private static final String TRAJECTORY = "7a7a7a7a-0000-4000-8000-000000000002";
    private static final String CANARY = "canary-action-3b9f";

    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final EnvelopeSealing sealing = new EnvelopeSealing();
    private final TransitKey key = TransitKey.generate();
    private final Map<UUID, IssuedTransitKey> issued = new ConcurrentHashMap<>();
    private final List<String> handled = new CopyOnWriteArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private volatile boolean handlerFails;
    private JdbcTemplate jdbc;
    private ParkedMessages parked;
    private InboundMessageProcessor processor;

    @BeforeEach
    void freshDatabase() {
        DriverManagerDataSource dataSource = PlatformDatabase.fresh("sealedback");
        jdbc = new JdbcTemplate(dataSource);
        ClientDataCipher cipher = new ClientDataCipher(jdbc, LocalKeyEncryptionKey.generate());
        parked = new ParkedMessages(jdbc, cipher, Clock.systemUTC());
        EnvelopeOpener opener = new EnvelopeOpener(sealing, new ReceivedTransitKeys(jdbc, cipher, Clock.systemUTC()),
                null, null).withIssuedKeys(keyId -> Optional.ofNullable(issued.get(keyId)));
        IntegrationEventHandler<MeetingDecisionSharedEvent> handler = IntegrationEventHandler.of(
                MeetingDecisionSharedEvent.class, (event, envelope) -> {
                    if (handlerFails) {
                        throw new IllegalStateException("this handler cannot take it now");
                    }
                    handled.add(event.clientId() + ": " + event.action());
                });
        processor = new InboundMessageProcessor(codec, jdbc,
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)), ReceivedEventRecorder.NONE,
                parked, List.of(handler), TestKeys.verifier(), meters,
                new InboundMessageProcessor.Sealing(opener, null, ReceiptPrecheck.NONE));
    }

    private void provider(boolean destroyed, Agency issuedTo) {
        issued.put(key.keyId(), new IssuedTransitKey(CLIENT, issuedTo, DataCategory.EMPLOYMENT,
                destroyed ? Optional.empty() : Optional.of(key)));
    }

    private EventEnvelope decision(UUID eventId) {
        return codec.wrap(eventId, Agency.MUNICIPALITY, Instant.parse("2026-12-07T10:00:00Z"), null,
                new MeetingDecisionSharedEvent("d-" + eventId, Agency.MUNICIPALITY, LocalDate.of(2026, 12, 10),
                        CLIENT, TRAJECTORY, TRAJECTORY, MeetingDecisionSharedEvent.Kind.ACTION, null,
                        "call the job coach " + CANARY, "M. Jansen", null, "municipality.case-manager"));
    }

    private InboundMessageProcessor.Delivered sealedBack(UUID eventId) {
        return TestKeys.delivered(INBOX, codec.encode(sealing.sealForIssuer(decision(eventId), TRAJECTORY,
                new HeldTransitKey(DataCategory.EMPLOYMENT, key))));
    }

    @Test
    void aDecisionSealedBackWithAKeyTheProviderIssuedToItsSenderIsHandled() {
        provider(false, Agency.MUNICIPALITY);

        processor.receive(sealedBack(UUID.randomUUID()));

        assertThat(handled).containsExactly(CLIENT + ": call the job coach " + CANARY);
    }

    @Test
    void aDecisionUnderAKeyTheProviderDestroyedIsResolvedUnreadOnceWithoutAnyRetryParkingOrDeadLetter() {
        provider(true, Agency.MUNICIPALITY);
        UUID eventId = UUID.randomUUID();
        Logger logger = (Logger) LoggerFactory.getLogger(InboundMessageProcessor.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        try {
            processor.receive(sealedBack(eventId));
            processor.receive(sealedBack(eventId)); // redelivered
        } finally {
            logger.detachAppender(log);
        }

        assertThat(handled).isEmpty();
        assertThat(parked.count()).isZero();
        assertThat(jdbc.queryForObject("select count(*) from processed_message where event_id = ?", Long.class,
                eventId)).isEqualTo(1);
        assertThat(meters.get("ips.inbound.unreadable").counter().count()).isEqualTo(1);
        assertThat(log.list).filteredOn(line -> line.getFormattedMessage().contains("destroyed"))
                .singleElement().satisfies(line -> {
                    assertThat(line.getLevel()).isEqualTo(Level.INFO);
                    assertThat(line.getFormattedMessage()).contains(eventId.toString(), INBOX)
                            .doesNotContain(CANARY, CLIENT, key.keyId().toString());
                });
    }

    @Test
    void aPollHoldingADecisionUnderADestroyedKeyIsReceivedOneByOneWhereItIsResolvedUnread() {
        provider(true, Agency.MUNICIPALITY);
        List<InboundMessageProcessor.Delivered> poll = List.of(sealedBack(UUID.randomUUID()));

        assertThat(processor.receiveTogether(poll)).isFalse();
        poll.forEach(processor::receive);

        assertThat(meters.get("ips.inbound.unreadable").counter().count()).isEqualTo(1);
        assertThat(parked.count()).isZero();
    }

    @Test
    void aParkedDecisionWhoseKeyIsDestroyedMeanwhileIsResolvedOnRetryAndNoLongerHoldsUpItsSequence() {
        provider(false, Agency.MUNICIPALITY);
        handlerFails = true;
        InboundMessageProcessor.Delivered delivered = sealedBack(UUID.randomUUID());
        for (int attempt = 0; attempt < InboundMessageProcessor.ATTEMPTS_BEFORE_PARKING; attempt++) {
            try {
                processor.receive(delivered);
            } catch (IllegalStateException retried) {
                // retried until parked
            }
        }
        assertThat(parked.countIn(TRAJECTORY)).as("parked under the trajectory, not the client").isEqualTo(1);
        handlerFails = false;
        provider(true, Agency.MUNICIPALITY);

        InboundMessageProcessor.RetryResult retry = processor.retryParked(TRAJECTORY, "mha.admin");

        assertThat(retry.failure()).isNull();
        assertThat(parked.countIn(TRAJECTORY)).isZero();
        assertThat(handled).isEmpty();
        assertThat(jdbc.queryForObject("select outcome from parked_message_resolution", String.class))
                .isEqualTo("ERASED");
    }

    @Test
    void aDecisionSentInTheClearBeforeDecisionsWereSealedIsStillRead() {
        processor.receive(TestKeys.delivered(INBOX, codec.encode(decision(UUID.randomUUID()))));

        assertThat(handled).containsExactly(CLIENT + ": call the job coach " + CANARY);
    }

    @Test
    void aDecisionSealedWithAKeyTheProviderIssuedToAnotherAgencyCannotBeRead() {
        provider(false, Agency.BENEFITS);

        assertThatThrownBy(() -> processor.receive(sealedBack(UUID.randomUUID())))
                .isInstanceOf(MalformedMessageException.class);
        assertThat(handled).isEmpty();
        assertThat(Set.copyOf(parked.all())).isEmpty();
    }
}
