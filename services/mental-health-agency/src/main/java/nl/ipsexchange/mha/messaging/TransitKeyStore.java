package nl.ipsexchange.mha.messaging;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.messaging.sealing.IssuedTransitKey;
import nl.ipsexchange.kernel.messaging.sealing.TransitKey;
import nl.ipsexchange.platform.crypto.ClientDataCipher;
import nl.ipsexchange.platform.messaging.IssuedTransitKeys;

/**
 * The sender's transit keys: the current one per (client, recipient agency, category), made on first use, stored
 * encrypted with the client's own data key, destroyed when no consent covers the category for that recipient any more.
 * Looked up by id, they also open what a recipient sealed back for this agency with one of them (ADR 51).
 */
@Component
public class TransitKeyStore implements IssuedTransitKeys {

    /** A key as stored: whose it is, and its bytes unless it was destroyed. */
    public record Stored(UUID keyId, String clientId, Agency recipient, DataCategory category,
                         Optional<TransitKey> key) {
    }

    private final JdbcTemplate jdbc;
    private final ClientDataCipher cipher;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;

    public TransitKeyStore(JdbcTemplate jdbc, ClientDataCipher cipher, PlatformTransactionManager transactions,
                           Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.ownTransaction = new TransactionTemplate(transactions);
        // committed at once, before the message it seals leaves: a relay batch rolled back after the broker took
        // the message must not take the key that opens it along
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /** The current key of (client, recipient, category), made now when there is none. */
    public TransitKey current(String clientId, Agency recipient, DataCategory category) {
        return currentKey(clientId, recipient, category).orElseGet(() -> ownTransaction.execute(status -> {
            Integer latest = jdbc.queryForObject("""
                    select coalesce(max(version), 0) from transit_key
                    where client_id = ? and recipient = ? and category = ?""",
                    Integer.class, clientId, recipient.name(), category.name());
            TransitKey key = TransitKey.generate();
            int inserted = jdbc.update("""
                    insert into transit_key (key_id, client_id, recipient, category, version, sealed_key, created_at)
                    values (?, ?, ?, ?, ?, ?, ?) on conflict (client_id, recipient, category, version) do nothing""",
                    key.keyId(), clientId, recipient.name(), category.name(), latest + 1,
                    cipher.encrypt(clientId, Base64.getEncoder().encodeToString(key.secret())),
                    Timestamp.from(clock.instant()));
            return inserted > 0 ? key : currentKey(clientId, recipient, category).orElseThrow();
        }));
    }

    private Optional<TransitKey> currentKey(String clientId, Agency recipient, DataCategory category) {
        return jdbc.query("""
                        select key_id, sealed_key from transit_key
                        where client_id = ? and recipient = ? and category = ? order by version desc limit 1""",
                        (rs, i) -> rs.getString(2) == null ? Optional.<TransitKey>empty()
                                : opened(rs.getObject(1, UUID.class), clientId, rs.getString(2)),
                        clientId, recipient.name(), category.name())
                .stream().findFirst().flatMap(key -> key);
    }

    public Optional<Stored> find(UUID keyId) {
        return jdbc.query("select * from transit_key where key_id = ?", (rs, i) -> {
            String clientId = rs.getString("client_id");
            String sealed = rs.getString("sealed_key");
            return new Stored(keyId, clientId, Agency.valueOf(rs.getString("recipient")),
                    DataCategory.valueOf(rs.getString("category")),
                    sealed == null ? Optional.empty() : opened(keyId, clientId, sealed));
        }, keyId).stream().findFirst();
    }

    @Override
    public Optional<IssuedTransitKey> issued(UUID keyId) {
        return find(keyId).map(stored -> new IssuedTransitKey(stored.clientId(), stored.recipient(),
                stored.category(), stored.key()));
    }

    /** Destroys the client's keys of these categories for the recipient. @return how many were destroyed */
    public int destroy(String clientId, Agency recipient, Collection<DataCategory> categories) {
        if (categories.isEmpty()) {
            return 0;
        }
        return jdbc.update("""
                update transit_key set sealed_key = null, destroyed_at = ?
                where client_id = ? and recipient = ? and category = any (?) and sealed_key is not null""",
                statement -> {
                    statement.setTimestamp(1, Timestamp.from(clock.instant()));
                    statement.setString(2, clientId);
                    statement.setString(3, recipient.name());
                    statement.setArray(4, statement.getConnection().createArrayOf("varchar",
                            categories.stream().map(Enum::name).toArray()));
                });
    }

    /** The key, or empty when the client's data key is gone (the client was erased). */
    private Optional<TransitKey> opened(UUID keyId, String clientId, String sealed) {
        return cipher.decrypt(clientId, sealed).map(Base64.getDecoder()::decode)
                .map(secret -> new TransitKey(keyId, secret));
    }
}
