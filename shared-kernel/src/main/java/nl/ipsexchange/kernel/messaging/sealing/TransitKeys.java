package nl.ipsexchange.kernel.messaging.sealing;

import java.util.UUID;

/** Names shared by both ends of a transit key's delivery. */
public final class TransitKeys {

    private static final String PREFIX = "transit-key:";

    private TransitKeys() {
    }

    /**
     * The subject (and Kafka key) of a key's request and answer: the key, so that the answer is handled apart from the
     * client's sequence of messages, some of which wait for it.
     */
    public static String subject(UUID keyId) {
        return PREFIX + keyId;
    }
}
