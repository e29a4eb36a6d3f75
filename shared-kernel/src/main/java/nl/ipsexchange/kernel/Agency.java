package nl.ipsexchange.kernel;

import java.util.Arrays;
import java.util.Optional;

/**
 * The four agencies of the covenant (section 2 of the domain brief). Each is a separate
 * data controller running its own service; the code is what travels in messages.
 */
public enum Agency {
    MENTAL_HEALTH("mental-health"),
    BENEFITS("benefits"),
    MUNICIPALITY("municipality"),
    INSURER("insurer");

    private final String slug;

    Agency(String slug) {
        this.slug = slug;
    }

    /** The short lower-case name used in topic names, e.g. {@code mental-health}. */
    public String slug() {
        return slug;
    }

    /** The Kafka topic through which this agency receives consent-gated messages. */
    public String inboxTopic() {
        return Topics.inbox(this);
    }

    public static Optional<Agency> fromCode(String code) {
        return Arrays.stream(values()).filter(a -> a.name().equals(code)).findFirst();
    }
}
