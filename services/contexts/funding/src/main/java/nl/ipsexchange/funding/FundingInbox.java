package nl.ipsexchange.funding;

import static nl.ipsexchange.funding.FundingReceipts.checked;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.axonframework.commandhandling.gateway.CommandGateway;

import nl.ipsexchange.funding.command.FundingCommands.ReceiveFundingApplicationCommand;
import nl.ipsexchange.funding.command.FundingCommands.RecordClosureCommand;
import nl.ipsexchange.funding.command.FundingCommands.RecordJobCoachingCommand;
import nl.ipsexchange.funding.command.FundingCommands.RecordPlacementCommand;
import nl.ipsexchange.funding.query.FundingProjection;
import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.funding.FundingApplicationSubmittedEvent;
import nl.ipsexchange.kernel.funding.FundingMessage;
import nl.ipsexchange.kernel.funding.JobCoachingReportedEvent;
import nl.ipsexchange.kernel.funding.PlacementReportedEvent;
import nl.ipsexchange.kernel.funding.TrajectoryClosedReportedEvent;
import nl.ipsexchange.platform.messaging.IntegrationEventHandler;
import nl.ipsexchange.platform.messaging.IntegrationEventHandlerSet;
import nl.ipsexchange.platform.messaging.ReceiptCheck;

/**
 * Trajectory steps arriving at a funder: each is checked against this agency's consent replica on receipt
 * ({@link FundingReceipts}), and handed to the funding application aggregate, whose funder's policy decides what they
 * are worth (job coaching only where the terms an approval pins name a tariff). The insurer receives its intake
 * hours by its own inbox.
 */
public class FundingInbox implements IntegrationEventHandlerSet {

    private final ReceiptCheck receipts;
    private final CommandGateway commands;
    private final FundingProjection funding;
    private final Clock clock;
    private final Agency self;
    private final FidelityRegister teams;

    public FundingInbox(ReceiptCheck receipts, CommandGateway commands, FundingProjection funding, Clock clock,
                        Agency self, FidelityRegister teams) {
        this.teams = teams;
        this.receipts = receipts;
        this.commands = commands;
        this.funding = funding;
        this.clock = clock;
        this.self = self;
    }

    @Override
    public List<IntegrationEventHandler<?>> handlers() {
        return List.of(
                checked(receipts, FundingApplicationSubmittedEvent.class, (event, envelope) -> {
                    commands.sendAndWait(new ReceiveFundingApplicationCommand(event.trajectoryId(),
                            event.clientId(), self, event.benefit(), event.referredOn(), event.appliedOn()));
                    if (event.team() != null) {
                        teams.recordTeam(event.trajectoryId(), event.team(), envelope.eventId());
                    }
                }),
                checked(receipts, PlacementReportedEvent.class, (event, envelope) -> ifApplied(event,
                        () -> commands.sendAndWait(new RecordPlacementCommand(event.trajectoryId(), event.placement(),
                                today())))),
                checked(receipts, TrajectoryClosedReportedEvent.class, (event, envelope) -> ifApplied(event,
                        () -> commands.sendAndWait(new RecordClosureCommand(event.trajectoryId(), event.closedOn(),
                                today())))),
                checked(receipts, JobCoachingReportedEvent.class, (event, envelope) -> ifApplied(event,
                        () -> commands.sendAndWait(new RecordJobCoachingCommand(event.trajectoryId(),
                                event.sessionId(), event.date(), event.hours(), today())))));
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private void ifApplied(FundingMessage message, Runnable action) {
        if (funding.application(message.trajectoryId()).isPresent()) {
            action.run();
        }
    }
}
