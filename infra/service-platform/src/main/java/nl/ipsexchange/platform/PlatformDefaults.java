package nl.ipsexchange.platform;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds {@code ips-platform.yml} (the settings all services share: Axon, Kafka, actuator, Jackson) as the
 * lowest-precedence property source, so that each service's own file and the environment override it.
 */
public class PlatformDefaults implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getPropertySources().contains("ips-platform")) {
            return;
        }
        try {
            for (PropertySource<?> source : new YamlPropertySourceLoader()
                    .load("ips-platform", new ClassPathResource("ips-platform.yml"))) {
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
