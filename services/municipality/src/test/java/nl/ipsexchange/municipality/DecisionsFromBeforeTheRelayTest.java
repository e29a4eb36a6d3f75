package nl.ipsexchange.municipality;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import nl.ipsexchange.funding.FundingDecisionRelay;
import nl.ipsexchange.funding.command.FundingCommands.ReceiveFundingApplicationCommand;
import nl.ipsexchange.funding.command.FundingCommands.RejectFundingCommand;
import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.BenefitType;
import nl.ipsexchange.kernel.consent.ConsentTerms;
import nl.ipsexchange.kernel.funding.FundingDecidedEvent;
import nl.ipsexchange.kernel.messaging.EnvelopeCodec;
import nl.ipsexchange.kernel.messaging.EventEnvelope;
import nl.ipsexchange.kernel.messaging.IntegrationEventCatalog;
import nl.ipsexchange.testsupport.Await;
import nl.ipsexchange.testsupport.TestInfrastructure;
import nl.ipsexchange.testsupport.TopicReader;

/**
 * Decisions recorded before the relay that sends them back existed reach the mental health agency too (issue 29): the
 * relay is a processor of its own, and where it never ran (no token) it starts at the beginning of the store. Shown
 * against the real PostgreSQL and Kafka by taking its token away, as an upgrade from before it finds the store: the
 * decision is sent again, under the same event id, so the receiver takes it once.
 */
@MunicipalityTest
class DecisionsFromBeforeTheRelayTest {

    private static final LocalDate TODAY = LocalDate.now(ConsentTerms.ZONE);

    @Autowired
    CommandGateway commands;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    JdbcTemplate jdbc;

    private final EnvelopeCodec codec = new EnvelopeCodec();

    @Test
    void aDecisionRecordedWhereTheRelayNeverRanIsSentWhenItStarts() {
        String applicationId = UUID.randomUUID().toString();
        commands.sendAndWait(new ReceiveFundingApplicationCommand(applicationId, UUID.randomUUID().toString(),
                Agency.MUNICIPALITY, BenefitType.SOCIAL_ASSISTANCE, TODAY.minusDays(14), TODAY.minusDays(7)));
        commands.sendAndWait(new RejectFundingCommand(applicationId, "moved to another municipality"));
        Await.until(() -> decisionsSent(applicationId).size() == 1, Duration.ofSeconds(60), "the decision is sent");

        TrackingEventProcessor relay = processing.eventProcessor(FundingDecisionRelay.PROCESSING_GROUP,
                TrackingEventProcessor.class).orElseThrow();
        relay.shutDown();
        jdbc.update("delete from token_entry where processor_name = ?", FundingDecisionRelay.PROCESSING_GROUP);
        relay.start();

        Await.until(() -> decisionsSent(applicationId).size() == 2, Duration.ofSeconds(60),
                "the decision is sent again from the start of the store");
        List<EventEnvelope> sent = decisionsSent(applicationId);
        assertThat(sent.get(1).eventId()).as("one message to the receiver").isEqualTo(sent.get(0).eventId());
    }

    private List<EventEnvelope> decisionsSent(String applicationId) {
        return TopicReader.readToEnd(TestInfrastructure.get().kafkaAdmin(), Agency.MENTAL_HEALTH.inboxTopic(),
                        new StringDeserializer(), new ByteArrayDeserializer(), Duration.ofSeconds(30)).stream()
                .map(record -> codec.decode(record.value()))
                .filter(envelope -> envelope.type().equals(IntegrationEventCatalog.typeOf(FundingDecidedEvent.class))
                        && ((FundingDecidedEvent) codec.payload(envelope)).trajectoryId().equals(applicationId))
                .toList();
    }
}
