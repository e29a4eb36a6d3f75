package nl.ipsexchange.mha.query.client;

/** The client registered with this citizen service number, if any. */
public record FindClientByBsnQuery(String bsn) {
}
