package nl.ipsexchange.mha.messaging;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.messaging.EventEnvelope;
import nl.ipsexchange.kernel.messaging.MalformedMessageException;
import nl.ipsexchange.mha.query.trajectory.TrajectoryFundingProjection;

/** The check every funder's message about a trajectory passes before it is kept (ADR 46). */
final class FundingFeedback {

    private FundingFeedback() {
    }

    /**
     * The signed sender must be the funder the message names, and the one this agency applied at for the trajectory:
     * no agency speaks for another, nor about a trajectory it was not asked to fund.
     */
    static void requireFromTheTrajectorysFunder(TrajectoryFundingProjection funding, String trajectoryId,
                                                Agency funder, EventEnvelope envelope) {
        if (funder != envelope.sourceAgency()) {
            throw new MalformedMessageException("a funding message on behalf of another agency");
        }
        if (funding.funderOf(trajectoryId).filter(funder::equals).isEmpty()) {
            throw new MalformedMessageException("a funding message about a trajectory not applied for at its sender");
        }
    }
}
