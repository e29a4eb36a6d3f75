package nl.ipsexchange.mha.query.client;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.sharing.ClientDataSharedEvent;
import nl.ipsexchange.platform.crypto.ClientDataCipher;
import nl.ipsexchange.mha.query.client.ClientQueries.FindClientHealthQuery;
import nl.ipsexchange.mha.query.client.ClientQueries.FindClientQuery;

/**
 * Everything the mental health agency holds about a client, by category, with health information decrypted.
 * Callers decide what may be shown or sent, and record it: this class only reads.
 */
@Component
public class ClientDataReader {

    private final QueryGateway queries;
    private final ClientDataCipher cipher;

    public ClientDataReader(QueryGateway queries, ClientDataCipher cipher) {
        this.queries = queries;
        this.cipher = cipher;
    }

    public Optional<ClientView> client(String clientId) {
        return queries.query(new FindClientQuery(clientId), ResponseTypes.optionalInstanceOf(ClientView.class)).join();
    }

    /** All categories held, or empty when the client is unknown. */
    public Optional<ClientDataSharedEvent> everything(String clientId) {
        return client(clientId).map(client -> {
            Map<DataCategory, String> health = queries.query(new FindClientHealthQuery(clientId),
                    ClientHealthRecords.class).join().ciphertexts();
            return new ClientDataSharedEvent(clientId,
                    new ClientDataSharedEvent.Identification(client.name(), client.bsn(), client.dateOfBirth()),
                    new ClientDataSharedEvent.Benefits(client.benefit(), client.municipality()),
                    client.jobPreferences() == null ? null : new ClientDataSharedEvent.Employment(
                            client.jobPreferences(), client.disclosureToEmployer()),
                    decrypt(clientId, health.get(DataCategory.HEALTH_SUMMARY)),
                    decrypt(clientId, health.get(DataCategory.DIAGNOSIS)),
                    decrypt(clientId, health.get(DataCategory.TREATMENT)));
        });
    }

    /** The categories held, restricted to {@code allowed}. */
    public Optional<ClientDataSharedEvent> restricted(String clientId, Set<DataCategory> allowed) {
        return everything(clientId).map(all -> all.restrictedTo(allowed));
    }

    private String decrypt(String clientId, String ciphertext) {
        return ciphertext == null ? null : cipher.decrypt(clientId, ciphertext).orElse(null);
    }
}
