package nl.ipsexchange.platform.messaging;

import org.springframework.core.env.Environment;

import nl.ipsexchange.kernel.KafkaAccess;
import nl.ipsexchange.platform.security.PublishedSecrets;

/**
 * A service's Kafka login, checked before any Kafka client is made (ADR 34): without a password it could not log in
 * anyway, and outside the demo profile a published demo password ({@link KafkaAccess#demoPassword}) is refused. The
 * messages name the setting, never its value.
 */
public final class KafkaLoginCheck {

    static final String PASSWORD = "ips.kafka.password";
    private static final String SETTING = PASSWORD + " (IPS_KAFKA_PASSWORD)";

    /** Checks at once; the bean only stands for a login that passed. */
    public KafkaLoginCheck(Environment environment) {
        check(environment);
    }

    static void check(Environment environment) {
        String password = environment.getProperty(PASSWORD, "");
        if (password.isBlank()) {
            throw new IllegalStateException(SETTING + " is not set: the service logs in to Kafka as "
                    + environment.getProperty("ips.kafka.user") + " with the password given there");
        }
        if (password.contains("\"") || password.contains("\\")) {
            throw new IllegalStateException(SETTING + " holds a quote or a backslash, which the Kafka login "
                    + "(sasl.jaas.config) cannot carry");
        }
        PublishedSecrets.of(environment).refuse(SETTING, KafkaAccess.isDemoPassword(password),
                "give the service a password of its own (ADR 34)");
    }
}
