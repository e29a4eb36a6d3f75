package nl.ipsexchange.mha.query.client;

/** Whether the register holds a client with this id (no data of the client: nothing is read, nothing recorded). */
public record FindClientRegisteredQuery(String clientId) {
}
