package nl.ipsexchange.mha.query.client;

import java.time.LocalDate;
import java.util.List;

/** The queries of the client register. */
public final class ClientQueries {

    private ClientQueries() {
    }

    /** The client register entry of one client. */
    public record FindClientQuery(String clientId) {
    }

    /**
     * A page of the clients, in the order they were registered: the first {@code limit} after the client
     * {@code after} (from the first when null); answered with a {@link ClientSearchResult} that says whether more
     * follow.
     */
    public record FindClientsQuery(String after, int limit) {
    }

    /**
     * The clients that match every criterion given (null: not a criterion): a word or part of the name (any case,
     * accents ignored), the date of birth, the citizen service number. At most {@code limit} of them, by name;
     * without any criterion, the newest registrations first.
     */
    public record SearchClientsQuery(String name, LocalDate dateOfBirth, String bsn, int limit) {
    }

    /** A search's answer: the first clients by name, and whether more matched than were returned. */
    public record ClientSearchResult(List<ClientView> clients, boolean more) {
    }

    /** The encrypted health information of one client, per category. */
    public record FindClientHealthQuery(String clientId) {
    }

    /** Whether the register holds a client with this id (no data of the client: nothing is read, nothing recorded). */
    public record FindClientRegisteredQuery(String clientId) {
    }
}
