package nl.ipsexchange.kernel.messaging.sealing;

import java.util.Objects;
import java.util.Optional;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.DataCategory;

/**
 * A transit key as the agency that issued it keeps it: whose data it seals (client, category), the agency it was
 * given to, and its bytes unless it was destroyed since (a consent ended, or the client was erased).
 */
public record IssuedTransitKey(String clientId, Agency recipient, DataCategory category, Optional<TransitKey> key) {

    public IssuedTransitKey {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(key, "key");
    }
}
