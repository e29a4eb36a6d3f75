package nl.ipsexchange.mha.command.fidelity;

import java.time.LocalDate;
import java.util.Map;

import org.axonframework.serialization.Revision;

import nl.ipsexchange.kernel.fidelity.FidelityBand;
import nl.ipsexchange.kernel.fidelity.FidelityItem;

/** The events of an IPS fidelity review. */
public final class FidelityReviewEvents {

    private FidelityReviewEvents() {
    }

    /**
     * An IPS-25 review of a team, with its total, band and whether the reviewer was independent of the organisation
     * that trained the team.
     */
    @Revision("1")
    public record FidelityReviewRecordedEvent(
            String reviewId,
            String team,
            LocalDate reviewDate,
            String reviewer,
            String reviewerOrganisation,
            String trainingOrganisation,
            Map<FidelityItem, Integer> items,
            int total,
            FidelityBand band,
            boolean independent) {
    }
}
