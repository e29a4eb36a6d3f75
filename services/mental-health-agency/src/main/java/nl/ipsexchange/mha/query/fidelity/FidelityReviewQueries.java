package nl.ipsexchange.mha.query.fidelity;

/** The queries of the fidelity reviews. */
public final class FidelityReviewQueries {

    private FidelityReviewQueries() {
    }

    /** All reviews, newest first; {@code team} null for every team. */
    public record FindFidelityReviewsQuery(String team) {
    }

    /** The newest review of each team, by team name. */
    public record FindNewestReviewPerTeamQuery() {
    }
}
