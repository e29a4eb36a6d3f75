package nl.ipsexchange.mha.messaging;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import nl.ipsexchange.mha.command.trajectory.TrajectoryCommands.RecordFundingDecisionCommand;
import nl.ipsexchange.mha.query.trajectory.TrajectoryFundingProjection;
import nl.ipsexchange.mha.query.trajectory.TrajectoryFundingProjection.DecisionNotInItsTrajectory;
import nl.ipsexchange.mha.query.trajectory.TrajectoryView.FundingDecisionView;

/**
 * Decisions the funders sent before trajectories recorded them (ADR 46 kept them in the read model only) go into their
 * trajectories once, at start-up (ADR 52): without them, a trajectory approved before would hold its job coaching for
 * an approval it already has. The trajectory keeps the latest by the funder's sequence number, so a decision that
 * arrives meanwhile by Kafka, or this running again after a failure, changes nothing. The funder's message named the
 * covenant version (revision 2) but it was not kept: the trajectory takes the version of the decision's day, as the
 * funder chose it.
 */
@Component
public class DecisionsKeptBeforeTrajectoriesRecordedThem {

    private static final Logger LOG = LoggerFactory.getLogger(DecisionsKeptBeforeTrajectoriesRecordedThem.class);

    private final TrajectoryFundingProjection funding;
    private final CommandGateway commands;

    public DecisionsKeptBeforeTrajectoriesRecordedThem(TrajectoryFundingProjection funding,
                                                       CommandGateway commands) {
        this.funding = funding;
        this.commands = commands;
    }

    @EventListener(ApplicationStartedEvent.class)
    public void recordInTheirTrajectories() {
        int recorded = 0;
        for (DecisionNotInItsTrajectory kept : funding.decisionsNotInTheirTrajectories()) {
            FundingDecisionView decision = kept.decision();
            try {
                commands.sendAndWait(new RecordFundingDecisionCommand(kept.trajectoryId(), decision.funder(),
                        kept.sequence(), decision.decision(), decision.startDate(), decision.decidedOn(),
                        decision.reasonCode(), decision.covenantVersion()));
                funding.recordedByTheTrajectory(kept.trajectoryId());
                recorded++;
            } catch (RuntimeException e) {
                // left as it is, to be recorded at the next start; the others go on
                LOG.warn("A funding decision could not be recorded in its trajectory ({}); retried at the next start",
                        e.getClass().getSimpleName());
            }
        }
        if (recorded > 0) {
            LOG.info("{} funding decisions received before trajectories recorded them are now in their trajectories",
                    recorded);
        }
    }
}
