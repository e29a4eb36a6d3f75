package nl.ipsexchange.mha.query.client;

/** All clients, by name. */
public record FindClientsQuery() {
}
