package nl.ipsexchange.infra.embedded;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.security.scram.ScramLoginModule;

import nl.ipsexchange.kernel.KafkaAccess;

/**
 * Where a Kafka client connects and as whom: the broker's address and a SCRAM user with its password (ADR 34).
 *
 * @param bootstrapServers the broker
 * @param user             the SCRAM user
 * @param password         its password
 */
public record KafkaLogin(String bootstrapServers, String user, String password) {

    /** A client's settings: the broker, SASL_PLAINTEXT and SCRAM as this user. */
    public Map<String, Object> properties() {
        Map<String, Object> properties = new HashMap<>();
        properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
        properties.put(SaslConfigs.SASL_MECHANISM, KafkaAccess.MECHANISM);
        properties.put(SaslConfigs.SASL_JAAS_CONFIG, jaas(ScramLoginModule.class.getName(), user, password));
        return properties;
    }

    /** {@link #properties()} with {@code more} added. */
    public Map<String, Object> with(Map<String, ?> more) {
        Map<String, Object> properties = properties();
        properties.putAll(more);
        return properties;
    }

    /** The arguments that point a service (ips-platform.yml) at the broker as this user. */
    public List<String> serviceArguments() {
        return List.of("--spring.kafka.bootstrap-servers=" + bootstrapServers,
                "--ips.kafka.user=" + user,
                "--ips.kafka.password=" + password);
    }

    /** A JAAS entry; the passwords here are made of letters and digits, so quoting them is enough. */
    static String jaas(String loginModule, String user, String password) {
        return loginModule + " required username=\"" + user + "\" password=\"" + password + "\";";
    }

    @Override
    public String toString() {
        return "KafkaLogin[" + user + "@" + bootstrapServers + "]";
    }
}
