package nl.ipsexchange.kernel.messaging.sealing;

import java.util.Objects;
import java.util.UUID;

import nl.ipsexchange.kernel.DataCategory;

/**
 * One category of a sealed payload: the key it is sealed with and {@code data}, base64 of the 12-byte IV followed by
 * the AES-GCM ciphertext and tag of that category's part of the payload (JSON).
 */
public record SealedPart(DataCategory category, UUID keyId, String data) {

    public SealedPart {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(data, "data");
    }
}
