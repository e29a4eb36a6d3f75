package nl.ipsexchange.mha.query.fidelity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import nl.ipsexchange.kernel.fidelity.FidelityBand;
import nl.ipsexchange.kernel.fidelity.FidelityItem;

/**
 * A review as listed: who reviewed which team when, with what result; {@code recordedAt}: when it was recorded
 * (orders reviews of the same day; null for one recorded before that was kept), {@code items}: its 25 scores.
 */
public record FidelityReviewView(String reviewId, String team, LocalDate reviewDate, String reviewer,
                                 String reviewerOrganisation, String trainingOrganisation, int total,
                                 FidelityBand band, boolean independent, Instant recordedAt,
                                 Map<FidelityItem, Integer> items) {
}
