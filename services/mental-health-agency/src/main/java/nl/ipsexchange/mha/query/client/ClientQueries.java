package nl.ipsexchange.mha.query.client;

/** The queries of the client register. */
public final class ClientQueries {

    private ClientQueries() {
    }

    /** The client register entry of one client. */
    public record FindClientQuery(String clientId) {
    }

    /** All clients, by name. */
    public record FindClientsQuery() {
    }

    /** The encrypted health information of one client, per category. */
    public record FindClientHealthQuery(String clientId) {
    }

    /** Whether the register holds a client with this id (no data of the client: nothing is read, nothing recorded). */
    public record FindClientRegisteredQuery(String clientId) {
    }
}
