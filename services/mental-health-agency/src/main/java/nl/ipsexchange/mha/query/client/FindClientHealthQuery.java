package nl.ipsexchange.mha.query.client;

/** The encrypted health information of one client, per category. */
public record FindClientHealthQuery(String clientId) {
}
