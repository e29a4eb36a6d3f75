package nl.ipsexchange.funding;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

import org.axonframework.commandhandling.gateway.CommandGateway;

import nl.ipsexchange.funding.command.FundingCommands.ReceiveFundingApplicationCommand;
import nl.ipsexchange.funding.command.FundingCommands.RecordClosureCommand;
import nl.ipsexchange.funding.command.FundingCommands.RecordJobCoachingCommand;
import nl.ipsexchange.funding.command.FundingCommands.RecordPlacementCommand;
import nl.ipsexchange.funding.query.FundingProjection;
import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.funding.FundingApplicationSubmittedEvent;
import nl.ipsexchange.kernel.funding.FundingMessage;
import nl.ipsexchange.kernel.funding.IntakeHoursBilledEvent;
import nl.ipsexchange.kernel.funding.JobCoachingReportedEvent;
import nl.ipsexchange.kernel.funding.PlacementReportedEvent;
import nl.ipsexchange.kernel.funding.TrajectoryClosedReportedEvent;
import nl.ipsexchange.kernel.messaging.EventEnvelope;
import nl.ipsexchange.platform.messaging.IntegrationEventHandler;
import nl.ipsexchange.platform.messaging.IntegrationEventHandlerSet;
import nl.ipsexchange.platform.messaging.ReceiptCheck;

/**
 * Trajectory steps arriving at a funder or the insurer: each is checked against this agency's consent replica on
 * receipt (refused and recorded when outside consent), recorded as received, and handed to the funding logic.
 */
public class FundingInbox implements IntegrationEventHandlerSet {

    private final ReceiptCheck receipts;
    private final CommandGateway commands;
    private final FundingProjection funding;
    private final IntakeBilling intake;
    private final Clock clock;
    private final Agency self;

    public FundingInbox(ReceiptCheck receipts, CommandGateway commands, FundingProjection funding,
                        IntakeBilling intake, Clock clock, Agency self) {
        this.receipts = receipts;
        this.commands = commands;
        this.funding = funding;
        this.intake = intake;
        this.clock = clock;
        this.self = self;
    }

    @Override
    public List<IntegrationEventHandler<?>> handlers() {
        if (self == Agency.INSURER) {
            return List.of(checked(IntakeHoursBilledEvent.class, (event, envelope) -> intake.bill(event, envelope)));
        }
        return List.of(
                checked(FundingApplicationSubmittedEvent.class, (event, envelope) -> commands.sendAndWait(
                        new ReceiveFundingApplicationCommand(event.trajectoryId(), event.clientId(), self,
                                event.benefit(), event.referredOn(), event.appliedOn()))),
                checked(PlacementReportedEvent.class, (event, envelope) -> ifApplied(event, () -> commands.sendAndWait(
                        new RecordPlacementCommand(event.trajectoryId(), event.placement(), today())))),
                checked(TrajectoryClosedReportedEvent.class, (event, envelope) -> ifApplied(event,
                        () -> commands.sendAndWait(new RecordClosureCommand(event.trajectoryId(), event.closedOn(),
                                today())))),
                checked(JobCoachingReportedEvent.class, (event, envelope) -> ifApplied(event,
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

    private <T extends FundingMessage> IntegrationEventHandler<T> checked(Class<T> type,
                                                                          BiConsumer<T, EventEnvelope> body) {
        return IntegrationEventHandler.of(type, (event, envelope) -> {
            if (receipts.admit(event.clientId(), envelope, Set.of(event.category()), type.getSimpleName())) {
                body.accept(event, envelope);
            }
        });
    }
}
