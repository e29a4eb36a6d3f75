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
     * An IPS-25 review of a team, with its total, band and whether the reviewer was independent: of the organisation
     * that trained the team and, from revision 2, of the provider ({@code providerOrganisation}; null in a review
     * recorded before, whose independence was judged against the trainer alone). When it was recorded is the event's
     * own time.
     */
    @Revision("2")
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
            boolean independent,
            String providerOrganisation) {
    }
}
