package nl.ipsexchange.mha.query.inforequest;

/** The queries of the information requests from other agencies. */
public final class InformationRequestQueries {

    private InformationRequestQueries() {
    }

    /** Information requests, oldest first; only those awaiting a decision when {@code pendingOnly}. */
    public record FindInformationRequestsQuery(boolean pendingOnly) {
    }

    /** The information requests about one client, newest first. */
    public record FindInformationRequestsOfClientQuery(String clientId) {
    }
}
