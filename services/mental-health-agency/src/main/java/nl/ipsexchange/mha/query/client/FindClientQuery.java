package nl.ipsexchange.mha.query.client;

/** The client register entry of one client. */
public record FindClientQuery(String clientId) {
}
