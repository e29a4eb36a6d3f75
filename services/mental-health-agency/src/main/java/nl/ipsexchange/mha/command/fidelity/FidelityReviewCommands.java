package nl.ipsexchange.mha.command.fidelity;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import nl.ipsexchange.kernel.fidelity.FidelityScores;

/** The commands of an IPS fidelity review. */
public final class FidelityReviewCommands {

    private FidelityReviewCommands() {
    }

    /** Record an IPS-25 review of one of the agency's IPS teams. */
    public record RecordFidelityReviewCommand(
            @TargetAggregateIdentifier String reviewId,
            String team,
            LocalDate reviewDate,
            String reviewer,
            String reviewerOrganisation,
            String trainingOrganisation,
            FidelityScores scores,
            LocalDate today) {
    }
}
