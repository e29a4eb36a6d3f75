package nl.ipsexchange.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.Topics;
import nl.ipsexchange.kernel.messaging.ConsentReference;
import nl.ipsexchange.kernel.messaging.EnvelopeCodec;
import nl.ipsexchange.kernel.status.ClientRegisteredStatusEvent;
import nl.ipsexchange.platform.crypto.ClientDataCipher;
import nl.ipsexchange.platform.crypto.LocalKeyEncryptionKey;
import nl.ipsexchange.platform.messaging.InboundMessageProcessor;
import nl.ipsexchange.platform.messaging.IntegrationEventHandler;
import nl.ipsexchange.platform.messaging.ParkedMessages;
import nl.ipsexchange.platform.messaging.signing.TestKeys;

/**
 * Status events as the platform's inbound processing receives them on a real PostgreSQL, this recorder plugged in
 * (moved with status from the platform's {@code ParkedMessagesTest}, ADR 0039): a poll's events recorded once each,
 * beside their handlers, in the poll's transaction.
 */
class ReceivedStatusEventsTest {

    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final List<String> handled = new CopyOnWriteArrayList<>();
    private JdbcTemplate jdbc;
    private InboundMessageProcessor processor;

    @BeforeEach
    void freshDatabase() {
        DriverManagerDataSource dataSource = StatusDatabase.migrated("received_status").runtime();
        jdbc = new JdbcTemplate(dataSource);
        ParkedMessages parked = new ParkedMessages(jdbc, new ClientDataCipher(jdbc, LocalKeyEncryptionKey.generate()),
                Clock.systemUTC());
        IntegrationEventHandler<ClientRegisteredStatusEvent> handler = IntegrationEventHandler.of(
                ClientRegisteredStatusEvent.class, (event, envelope) ->
                        handled.add(event.clientPseudonym() + "#" + envelope.occurredAt().getEpochSecond()));
        processor = new InboundMessageProcessor(codec, jdbc,
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)), new StatusEventRecorder(jdbc),
                parked, List.of(handler), TestKeys.verifier(), new SimpleMeterRegistry());
    }

    @Test
    void aPollOfStatusEventsRecordsEachOnceWithTheEventThatProducedIt() {
        byte[] first = message("client-a", 1, null);
        byte[] second = message("client-b", 2, null);
        processor.receive(TestKeys.delivered(Topics.STATUS, first)); // handled before: a redelivery in the poll below

        assertThat(processor.receiveTogether(List.of(TestKeys.delivered(Topics.STATUS, first),
                TestKeys.delivered(Topics.STATUS, second),
                TestKeys.delivered(Topics.STATUS, second)))).isTrue();

        assertThat(handled).containsExactly("client-a#1", "client-b#2");
        assertThat(jdbc.queryForList("select subject from status_event order by occurred_at", String.class))
                .containsExactly("client-a", "client-b");
        assertThat(jdbc.queryForObject("select occurred_at = to_timestamp(2) and event_id = ? and payload ->> "
                + "'clientPseudonym' = 'client-b' from status_event where subject = 'client-b'", Boolean.class,
                codec.decode(second).eventId())).isTrue();
        assertThat(count("processed_message")).isEqualTo(2);
    }

    @Test
    void aStatusEventWithPersonalDataInAPollIsRecordedByNoneOfThePoll() {
        byte[] plain = message("client-a", 1, null);
        byte[] personal = message("client-b", 2, new ConsentReference(UUID.randomUUID(), Purpose.FUNDING_DECISION,
                Set.of(DataCategory.IDENTIFICATION)));

        assertThat(processor.receiveTogether(List.of(TestKeys.delivered(Topics.STATUS, plain),
                TestKeys.delivered(Topics.STATUS, personal)))).isFalse();

        assertThat(count("status_event")).isZero();
        assertThat(count("processed_message")).isZero();
        assertThat(handled).isEmpty();
    }

    private byte[] message(String client, long second, ConsentReference consent) {
        return codec.encode(codec.wrap(UUID.randomUUID(), Agency.MENTAL_HEALTH, Instant.ofEpochSecond(second),
                consent, new ClientRegisteredStatusEvent(client, Agency.MENTAL_HEALTH, LocalDate.of(2026, 1, 1))));
    }

    private long count(String table) {
        Long count = jdbc.queryForObject("select count(*) from " + table, Long.class);
        return count == null ? 0 : count;
    }
}
