package nl.ipsexchange.mha.messaging;

import org.springframework.stereotype.Component;

import nl.ipsexchange.kernel.funding.FundingDecidedEvent;
import nl.ipsexchange.kernel.messaging.EventEnvelope;
import nl.ipsexchange.mha.query.trajectory.TrajectoryFundingProjection;
import nl.ipsexchange.platform.messaging.IntegrationEventHandler;

/** A funder's decision on a trajectory's funding, kept with the trajectory (ADR 46). */
@Component
public class FundingDecisionInbox implements IntegrationEventHandler<FundingDecidedEvent> {

    private final TrajectoryFundingProjection funding;

    public FundingDecisionInbox(TrajectoryFundingProjection funding) {
        this.funding = funding;
    }

    @Override
    public Class<FundingDecidedEvent> eventType() {
        return FundingDecidedEvent.class;
    }

    @Override
    public void handle(FundingDecidedEvent event, EventEnvelope envelope) {
        FundingFeedback.requireFromTheTrajectorysFunder(funding, event.trajectoryId(), event.funder(), envelope);
        funding.on(event);
    }
}
