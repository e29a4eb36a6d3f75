package nl.ipsexchange.municipality;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import nl.ipsexchange.funding.command.FundingCommands.ReceiveFundingApplicationCommand;
import nl.ipsexchange.funding.command.FundingCommands.RejectFundingCommand;
import nl.ipsexchange.funding.command.FundingEvents.FundingRejectedEvent;
import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.BenefitType;
import nl.ipsexchange.kernel.consent.ConsentTerms;

/**
 * Two writers of one application at once (two instances of the service, issue 33): the one that appends second, at a
 * sequence number the other took, meets a concurrency conflict against the real PostgreSQL event store: transient, so
 * the command gateway sends its command again, and a 409 if it persists. Before, PostgreSQL's unique violation was not
 * recognised (Axon's resolver knows only the JDBC integrity type) and the loser failed the store: a 500.
 */
@MunicipalityTest
class ConcurrentCommandsTest {

    private static final LocalDate TODAY = LocalDate.now(ConsentTerms.ZONE);

    @Autowired
    CommandGateway commands;

    @Autowired
    EventStorageEngine store;

    @Test
    void anAppendAtASequenceNumberAnotherWriterTookIsAConcurrencyConflict() {
        String applicationId = UUID.randomUUID().toString();
        commands.sendAndWait(new ReceiveFundingApplicationCommand(applicationId, UUID.randomUUID().toString(),
                Agency.MUNICIPALITY, BenefitType.SOCIAL_ASSISTANCE, TODAY.minusDays(14), TODAY.minusDays(7)));
        commands.sendAndWait(new RejectFundingCommand(applicationId, "moved away"));

        // what a second instance appends after deciding on the stream as it was before the first's event
        GenericDomainEventMessage<FundingRejectedEvent> late = new GenericDomainEventMessage<>("FundingApplication",
                applicationId, 1, new FundingRejectedEvent(applicationId, null, "decided at the same moment"));

        assertThatThrownBy(() -> store.appendEvents(List.of(late))).isInstanceOf(ConcurrencyException.class);
    }
}
