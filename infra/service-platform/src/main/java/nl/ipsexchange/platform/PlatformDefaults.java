package nl.ipsexchange.platform;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

import nl.ipsexchange.platform.messaging.signing.DemoSigningKeys;
import nl.ipsexchange.platform.security.SecurityConfiguration;

/**
 * Adds {@code ips-platform.yml} (the settings all services share: Axon, Kafka, actuator, Jackson) as the
 * lowest-precedence property source, so that each service's own file and the environment override it; under the
 * {@code demo} profile, {@code ips-platform-demo.yml} (the published demo signing keys) just above it. A business
 * context adds its own defaults the same way ({@link #addLowest}), from its own module.
 */
public class PlatformDefaults implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getPropertySources().contains("ips-platform")) {
            return;
        }
        if (environment.acceptsProfiles(Profiles.of(SecurityConfiguration.DEMO_PROFILE))) {
            addLowest(environment, "ips-platform-demo", DemoSigningKeys.FILE);
        }
        addLowest(environment, "ips-platform", "ips-platform.yml");
    }

    /** Adds the YAML file {@code file} on the class path as the property source {@code name}, below all others. */
    public static void addLowest(ConfigurableEnvironment environment, String name, String file) {
        try {
            for (PropertySource<?> source : new YamlPropertySourceLoader().load(name, new ClassPathResource(file))) {
                environment.getPropertySources().addLast(source);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
