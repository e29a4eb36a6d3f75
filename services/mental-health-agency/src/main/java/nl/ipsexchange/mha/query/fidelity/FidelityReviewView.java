package nl.ipsexchange.mha.query.fidelity;

import java.time.LocalDate;

import nl.ipsexchange.kernel.fidelity.FidelityBand;

/** A review as listed: who reviewed which team when, with what result. */
public record FidelityReviewView(String reviewId, String team, LocalDate reviewDate, String reviewer,
                                 String reviewerOrganisation, String trainingOrganisation, int total,
                                 FidelityBand band, boolean independent) {
}
