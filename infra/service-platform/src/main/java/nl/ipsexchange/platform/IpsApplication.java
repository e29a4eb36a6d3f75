package nl.ipsexchange.platform;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts a service with its own configuration file, {@code <service-name>.yml} (and
 * {@code <service-name>-<profile>.yml}), rather than {@code application.yml}: every service's jar can then sit on
 * one class path (the local stack, the end-to-end tests) without one service reading another's settings.
 */
public final class IpsApplication {

    private IpsApplication() {
    }

    public static SpringApplicationBuilder builder(Class<?> application, String serviceName) {
        return new SpringApplicationBuilder(application)
                .properties("spring.config.name=" + serviceName);
    }

    public static ConfigurableApplicationContext run(Class<?> application, String serviceName, String... args) {
        return builder(application, serviceName).run(args);
    }
}
