package nl.ipsexchange.sharing;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.messaging.EnvelopeCodec;
import nl.ipsexchange.kernel.sharing.ClientDataSharedEvent;
import nl.ipsexchange.platform.crypto.ClientDataCipher;

/**
 * What another agency shared with this one, per client and category, encrypted with this agency's own key for the
 * client. Each row remembers the message that brought it.
 */
public class SharedClientDataStore {

    private static final Map<DataCategory, String> FIELDS = Map.of(
            DataCategory.IDENTIFICATION, "identification",
            DataCategory.BENEFITS, "benefits",
            DataCategory.EMPLOYMENT, "employment",
            DataCategory.HEALTH_SUMMARY, "healthSummary",
            DataCategory.DIAGNOSIS, "diagnosis",
            DataCategory.TREATMENT, "treatment");

    private final JdbcTemplate jdbc;
    private final ClientDataCipher cipher;
    private final EnvelopeCodec codec;

    public SharedClientDataStore(JdbcTemplate jdbc, ClientDataCipher cipher, EnvelopeCodec codec) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.codec = codec;
    }

    public void store(ClientDataSharedEvent shared, UUID consentId, Purpose purpose, UUID eventId, Instant at) {
        JsonNode all = codec.toJson(shared);
        for (DataCategory category : shared.categories()) {
            String value = all.get(FIELDS.get(category)).toString();
            jdbc.update("""
                    insert into shared_client_data (client_id, category, ciphertext, consent_id, purpose,
                                                    received_event_id, received_at)
                    values (?, ?, ?, ?, ?, ?, ?)
                    on conflict (client_id, category) do update set ciphertext = excluded.ciphertext,
                        consent_id = excluded.consent_id, purpose = excluded.purpose,
                        received_event_id = excluded.received_event_id, received_at = excluded.received_at""",
                    shared.clientId(), category.name(), cipher.encrypt(shared.clientId(), value), consentId,
                    purpose.name(), eventId, Timestamp.from(at));
        }
    }

    public Set<DataCategory> categoriesHeld(String clientId) {
        Set<DataCategory> held = EnumSet.noneOf(DataCategory.class);
        jdbc.query("select category from shared_client_data where client_id = ?",
                rs -> {
                    held.add(DataCategory.valueOf(rs.getString(1)));
                }, clientId);
        return held;
    }

    /** The held data of the given categories, as one message; categories whose key is gone are left out. */
    public ClientDataSharedEvent read(String clientId, Set<DataCategory> categories) {
        ObjectNode merged = (ObjectNode) codec.toJson(Map.of("clientId", clientId));
        Map<DataCategory, String> rows = new EnumMap<>(DataCategory.class);
        jdbc.query("select category, ciphertext from shared_client_data where client_id = ?",
                rs -> {
                    rows.put(DataCategory.valueOf(rs.getString(1)), rs.getString(2));
                }, clientId);
        rows.forEach((category, ciphertext) -> {
            if (categories.contains(category)) {
                cipher.decrypt(clientId, ciphertext).ifPresent(json -> merged.set(FIELDS.get(category),
                        codec.readTree(json)));
            }
        });
        return codec.convert(merged, ClientDataSharedEvent.class);
    }

    /**
     * Deletes the given categories and destroys the client's keys for them (which shreds what the event store holds
     * of them, e.g. a funder's funding events); with nothing left, destroys the client's key too.
     * @return what was erased: the categories of which rows were deleted or a key destroyed
     */
    public Set<DataCategory> erase(String clientId, Set<DataCategory> categories) {
        Set<DataCategory> erased = EnumSet.noneOf(DataCategory.class);
        for (DataCategory category : categories) {
            boolean rows = jdbc.update("delete from shared_client_data where client_id = ? and category = ?",
                    clientId, category.name()) > 0;
            if (cipher.destroyKey(ClientDataCipher.keyId(clientId, category)) | rows) {
                erased.add(category);
            }
        }
        if (categoriesHeld(clientId).isEmpty()) {
            cipher.destroyKey(clientId);
        }
        return erased;
    }
}
