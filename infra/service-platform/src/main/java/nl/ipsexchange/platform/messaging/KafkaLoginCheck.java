package nl.ipsexchange.platform.messaging;

import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

import nl.ipsexchange.kernel.KafkaAccess;
import nl.ipsexchange.platform.security.SecurityConfiguration;

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
        boolean demo = environment.acceptsProfiles(Profiles.of(SecurityConfiguration.DEMO_PROFILE));
        if (!demo && KafkaAccess.isDemoPassword(password)) {
            throw new IllegalStateException(SETTING + " is a published demo password, allowed only with the demo "
                    + "profile: give the service its own");
        }
    }
}
