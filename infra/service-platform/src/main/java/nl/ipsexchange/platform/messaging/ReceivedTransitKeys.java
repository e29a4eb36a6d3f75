package nl.ipsexchange.platform.messaging;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.messaging.sealing.HeldTransitKey;
import nl.ipsexchange.kernel.messaging.sealing.KeyExchange;
import nl.ipsexchange.kernel.messaging.sealing.TransitKey;
import nl.ipsexchange.platform.crypto.ClientDataCipher;

/**
 * The transit keys this agency received, and its requests for keys still unanswered (with the private half of each
 * request's key pair). Both are stored encrypted with the client's own data key. Runs in the caller's transaction.
 */
public class ReceivedTransitKeys {

    /** A request waiting for its answer. */
    public record PendingRequest(UUID keyId, String clientId, DataCategory category, Agency sender,
                                 Optional<String> privateKey) {
    }

    private final JdbcTemplate jdbc;
    private final ClientDataCipher cipher;
    private final Clock clock;

    public ReceivedTransitKeys(JdbcTemplate jdbc, ClientDataCipher cipher, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** The key's bytes, or empty when it was never received here, or was destroyed (or its client erased). */
    public Optional<byte[]> key(UUID keyId) {
        return jdbc.query("select client_id, sealed_key from received_transit_key where key_id = ?",
                        (rs, i) -> cipher.decrypt(rs.getString(1), rs.getString(2)), keyId)
                .stream().findFirst().flatMap(opened -> opened.map(Base64.getDecoder()::decode));
    }

    /**
     * A key of the client's this agency holds now, to seal a message back to the agency that issued it (ADR 51): the
     * newest of {@code preferred}, else the newest of any other category; empty when none is held (none was ever
     * received, or all were destroyed, or the client's data key is gone).
     */
    public Optional<HeldTransitKey> forSealingBack(String clientId, DataCategory preferred) {
        return jdbc.query("""
                        select key_id, category, sealed_key from received_transit_key where client_id = ?
                        order by category = ? desc, received_at desc, key_id""",
                        (rs, i) -> {
                            UUID keyId = rs.getObject(1, UUID.class);
                            DataCategory category = DataCategory.valueOf(rs.getString(2));
                            return cipher.decrypt(clientId, rs.getString(3)).map(secret -> new HeldTransitKey(
                                    category, new TransitKey(keyId, Base64.getDecoder().decode(secret))));
                        },
                        clientId, preferred.name())
                .stream().flatMap(Optional::stream).findFirst();
    }

    public void store(String clientId, DataCategory category, TransitKey key) {
        jdbc.update("""
                insert into received_transit_key (key_id, client_id, category, sealed_key, received_at)
                values (?, ?, ?, ?, ?) on conflict (key_id) do update set sealed_key = excluded.sealed_key""",
                key.keyId(), clientId, category.name(),
                cipher.encrypt(clientId, Base64.getEncoder().encodeToString(key.secret())),
                Timestamp.from(clock.instant()));
    }

    /** Destroys the client's keys of these categories: what they sealed can no longer be opened here. */
    public int destroy(String clientId, Collection<DataCategory> categories) {
        if (categories.isEmpty()) {
            return 0;
        }
        return jdbc.update("delete from received_transit_key where client_id = ? and category = any (?)",
                statement -> {
                    statement.setString(1, clientId);
                    statement.setArray(2, statement.getConnection().createArrayOf("varchar",
                            categories.stream().map(Enum::name).toArray()));
                });
    }

    public boolean held(UUID keyId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from received_transit_key where key_id = ?)", Boolean.class, keyId));
    }

    /** Records a request with its key pair's private half. @return false when one is already waiting */
    public boolean requested(UUID keyId, String clientId, DataCategory category, Agency sender,
                             KeyExchange.Ephemeral pair) {
        return jdbc.update("""
                insert into transit_key_request (key_id, client_id, category, sender, sealed_private_key,
                                                 requested_at)
                values (?, ?, ?, ?, ?, ?) on conflict (key_id) do nothing""",
                keyId, clientId, category.name(), sender.name(), cipher.encrypt(clientId, pair.privateKey()),
                Timestamp.from(clock.instant())) > 0;
    }

    public boolean pending(UUID keyId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from transit_key_request where key_id = ?)", Boolean.class, keyId));
    }

    public Optional<PendingRequest> request(UUID keyId) {
        return jdbc.query("select * from transit_key_request where key_id = ? for update", (rs, i) ->
                new PendingRequest(keyId, rs.getString("client_id"), DataCategory.valueOf(rs.getString("category")),
                        Agency.valueOf(rs.getString("sender")),
                        cipher.decrypt(rs.getString("client_id"), rs.getString("sealed_private_key"))), keyId)
                .stream().findFirst();
    }

    /** Destroys the request's private key: the answer has come (or never will). */
    public void forget(UUID keyId) {
        jdbc.update("delete from transit_key_request where key_id = ?", keyId);
    }
}
