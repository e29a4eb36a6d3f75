package nl.ipsexchange.mha.query.fidelity;

/** All reviews, newest first; {@code team} null for every team. */
public record FindFidelityReviewsQuery(String team) {
}
