package nl.ipsexchange.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.messaging.sealing.HeldTransitKey;
import nl.ipsexchange.kernel.messaging.sealing.TransitKey;
import nl.ipsexchange.platform.PlatformDatabase;
import nl.ipsexchange.platform.crypto.ClientDataCipher;
import nl.ipsexchange.platform.crypto.LocalKeyEncryptionKey;

/**
 * The key a recipient seals a message back to the client's provider with (ADR 51): the client's current key of the
 * preferred category, else its newest key of another category, else none; never another client's.
 */
class ReceivedTransitKeysTest {

    private static final String CLIENT = "client-1";

    private JdbcTemplate jdbc;
    private ClientDataCipher cipher;

    @BeforeEach
    void freshDatabase() {
        jdbc = new JdbcTemplate(PlatformDatabase.fresh("receivedkeys"));
        cipher = new ClientDataCipher(jdbc, LocalKeyEncryptionKey.generate());
    }

    /** Keys received one second apart, in the order given. */
    private ReceivedTransitKeys receivedInTurn(String clientId, List<DataCategory> categories,
                                               List<TransitKey> keys) {
        for (int i = 0; i < keys.size(); i++) {
            new ReceivedTransitKeys(jdbc, cipher, Clock.fixed(Instant.ofEpochSecond(1_000 + i), ZoneOffset.UTC))
                    .store(clientId, categories.get(i), keys.get(i));
        }
        return new ReceivedTransitKeys(jdbc, cipher, Clock.systemUTC());
    }

    @Test
    void theClientsKeyOfThePreferredCategoryIsTakenBeforeNewerKeysOfOthers() {
        TransitKey employment = TransitKey.generate();
        ReceivedTransitKeys keys = receivedInTurn(CLIENT, List.of(DataCategory.EMPLOYMENT, DataCategory.BENEFITS),
                List.of(employment, TransitKey.generate()));

        HeldTransitKey held = keys.forSealingBack(CLIENT, DataCategory.EMPLOYMENT).orElseThrow();

        assertThat(held.category()).isEqualTo(DataCategory.EMPLOYMENT);
        assertThat(held.key().keyId()).isEqualTo(employment.keyId());
        assertThat(held.key().secret()).isEqualTo(employment.secret());
    }

    @Test
    void withoutAKeyOfThePreferredCategoryTheNewestOfAnotherIsTaken() {
        TransitKey newest = TransitKey.generate();
        ReceivedTransitKeys keys = receivedInTurn(CLIENT, List.of(DataCategory.IDENTIFICATION, DataCategory.BENEFITS),
                List.of(TransitKey.generate(), newest));

        HeldTransitKey held = keys.forSealingBack(CLIENT, DataCategory.EMPLOYMENT).orElseThrow();

        assertThat(held.category()).isEqualTo(DataCategory.BENEFITS);
        assertThat(held.key().keyId()).isEqualTo(newest.keyId());
    }

    @Test
    void noKeyIsHeldOnceTheClientsKeysAreDestroyedOrForAClientNoKeyWasReceivedFor() {
        ReceivedTransitKeys keys = receivedInTurn(CLIENT, List.of(DataCategory.EMPLOYMENT, DataCategory.BENEFITS),
                List.of(TransitKey.generate(), TransitKey.generate()));

        assertThat(keys.forSealingBack("client-2", DataCategory.EMPLOYMENT)).as("another client's").isEmpty();
        keys.destroy(CLIENT, List.of(DataCategory.EMPLOYMENT, DataCategory.BENEFITS));
        assertThat(keys.forSealingBack(CLIENT, DataCategory.EMPLOYMENT)).isEmpty();
    }
}
