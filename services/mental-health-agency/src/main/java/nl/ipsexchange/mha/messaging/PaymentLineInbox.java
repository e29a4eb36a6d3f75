package nl.ipsexchange.mha.messaging;

import org.springframework.stereotype.Component;

import nl.ipsexchange.kernel.funding.PaymentLineUpdatedEvent;
import nl.ipsexchange.kernel.messaging.EventEnvelope;
import nl.ipsexchange.mha.query.trajectory.TrajectoryFundingProjection;
import nl.ipsexchange.platform.messaging.IntegrationEventHandler;

/** A change of a line of a funder's payment schedule, kept with the trajectory (ADR 46). */
@Component
public class PaymentLineInbox implements IntegrationEventHandler<PaymentLineUpdatedEvent> {

    private final TrajectoryFundingProjection funding;

    public PaymentLineInbox(TrajectoryFundingProjection funding) {
        this.funding = funding;
    }

    @Override
    public Class<PaymentLineUpdatedEvent> eventType() {
        return PaymentLineUpdatedEvent.class;
    }

    @Override
    public void handle(PaymentLineUpdatedEvent event, EventEnvelope envelope) {
        FundingFeedback.requireFromTheTrajectorysFunder(funding, event.trajectoryId(), event.funder(), envelope);
        funding.on(event);
    }
}
