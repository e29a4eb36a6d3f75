package nl.ipsexchange.audit.query;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;

import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;

import nl.ipsexchange.platform.security.PublishedSecrets;

/**
 * The audit service's secrets (the chain key, the checkpoint signing key) come from configuration; none may be
 * missing, and which values are published ({@link PublishedSecrets}) is the demo's own (in {@code audit-demo.yml},
 * which is public) or the development default the chain key once had. A list (the trusted public keys) may hold none
 * of them either: whoever has the demo's private key could sign with it.
 */
public final class AuditSecrets {

    /** The chain key's default before ADR 32, published in every copy of audit.yml since. */
    private static final String FORMER_DEFAULT = "local-development-chain-key-change-me";
    private static final String DEMO_SETTINGS = "audit-demo.yml";

    private AuditSecrets() {
    }

    /** The setting's value; refused when it is missing, or outside the demo profile when it is published. */
    public static String require(Environment environment, String setting) {
        String value = environment.getProperty(setting);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(setting + " is not set: the audit service does not start without it");
        }
        PublishedSecrets.of(environment).refuse(setting,
                Arrays.stream(value.split(",")).map(String::strip).anyMatch(published(setting)::contains),
                "set a key of your own (ADR 32)");
        return value;
    }

    private static Set<String> published(String setting) {
        Set<String> values = new HashSet<>(Set.of(FORMER_DEFAULT));
        YamlPropertiesFactoryBean demo = new YamlPropertiesFactoryBean();
        demo.setResources(new ClassPathResource(DEMO_SETTINGS));
        Properties properties = demo.getObject();
        if (properties != null && properties.getProperty(setting) != null) {
            for (String value : properties.getProperty(setting).split(",")) {
                values.add(value.strip());
            }
        }
        return values;
    }
}
