package nl.ipsexchange.kernel.messaging.sealing;

import java.util.Objects;

import nl.ipsexchange.kernel.DataCategory;

/**
 * A transit key as the agency it was issued to holds it: the key, and the category of the client's data its issuer
 * made it for (the category whose consent's end destroys it at both ends, ADR 30).
 */
public record HeldTransitKey(DataCategory category, TransitKey key) {

    public HeldTransitKey {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(key, "key");
    }
}
