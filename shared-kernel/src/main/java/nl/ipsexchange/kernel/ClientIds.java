package nl.ipsexchange.kernel;

import java.util.UUID;

/**
 * Client ids are UUIDs, written in their canonical lower-case form everywhere they are stored or compared: a path
 * typed as {@code 3F2A...} names the same client as {@code 3f2a...}, and a record filed under either spelling must be
 * found under both.
 */
public final class ClientIds {

    private ClientIds() {
    }

    /** The canonical form of a client id that is a UUID; anything else unchanged (it names no client). */
    public static String canonical(String clientId) {
        if (clientId == null) {
            return null;
        }
        try {
            return UUID.fromString(clientId).toString();
        } catch (IllegalArgumentException notAUuid) {
            return clientId;
        }
    }
}
