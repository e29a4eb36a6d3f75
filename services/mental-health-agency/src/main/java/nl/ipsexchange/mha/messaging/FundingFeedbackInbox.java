package nl.ipsexchange.mha.messaging;

import java.util.List;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.funding.FundingDecidedEvent;
import nl.ipsexchange.kernel.funding.PaymentLineUpdatedEvent;
import nl.ipsexchange.kernel.messaging.EventEnvelope;
import nl.ipsexchange.kernel.messaging.MalformedMessageException;
import nl.ipsexchange.mha.command.trajectory.TrajectoryCommands.RecordFundingDecisionCommand;
import nl.ipsexchange.mha.query.trajectory.TrajectoryFundingProjection;
import nl.ipsexchange.platform.messaging.IntegrationEventHandler;
import nl.ipsexchange.platform.messaging.IntegrationEventHandlerSet;

/**
 * What the funders tell of a trajectory's funding (ADR 46): their decisions and every change of a payment line, kept
 * with the trajectory once the sender is shown to be the trajectory's funder. A decision goes into the trajectory's own
 * history (a command to the aggregate, ADR 52), so that the relay judges job coaching by the version approved from
 * events alone; the payment lines go to their read model.
 */
@Component
public class FundingFeedbackInbox implements IntegrationEventHandlerSet {

    private final TrajectoryFundingProjection funding;
    private final CommandGateway commands;

    public FundingFeedbackInbox(TrajectoryFundingProjection funding, CommandGateway commands) {
        this.funding = funding;
        this.commands = commands;
    }

    @Override
    public List<IntegrationEventHandler<?>> handlers() {
        return List.of(
                IntegrationEventHandler.of(FundingDecidedEvent.class, (event, envelope) -> {
                    requireFromTheTrajectorysFunder(event.trajectoryId(), event.funder(), envelope);
                    commands.sendAndWait(decision(event));
                }),
                IntegrationEventHandler.of(PaymentLineUpdatedEvent.class, (event, envelope) -> {
                    requireFromTheTrajectorysFunder(event.trajectoryId(), event.funder(), envelope);
                    funding.on(event);
                }));
    }

    /** The decision for the trajectory's own history (ADR 52): what follows from it follows from its events. */
    private static RecordFundingDecisionCommand decision(FundingDecidedEvent event) {
        return new RecordFundingDecisionCommand(event.trajectoryId(), event.funder(), event.sequence(),
                event.decision(), event.startDate(), event.decidedOn(), event.reason(), event.covenantVersion());
    }

    /**
     * The signed sender must be the funder the message names, and the one this agency applied at for the trajectory:
     * no agency speaks for another, nor about a trajectory it was not asked to fund.
     */
    private void requireFromTheTrajectorysFunder(String trajectoryId, Agency funder, EventEnvelope envelope) {
        if (funder != envelope.sourceAgency()) {
            throw new MalformedMessageException("a funding message on behalf of another agency");
        }
        if (funding.funderOf(trajectoryId).filter(funder::equals).isEmpty()) {
            throw new MalformedMessageException("a funding message about a trajectory not applied for at its sender");
        }
    }
}
