package nl.ipsexchange.mha.query.inforequest;

/** Information requests, oldest first; only those awaiting a decision when {@code pendingOnly}. */
public record FindInformationRequestsQuery(boolean pendingOnly) {
}
