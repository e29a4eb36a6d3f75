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

    /** JVM-wide: Axon's update checker would report usage to AxonIQ; a health data platform does not phone home. */
    public static final String AXON_UPDATE_CHECKER_DISABLED = "axoniq.update-checker.disabled";

    public static SpringApplicationBuilder builder(Class<?> application, String serviceName) {
        if (System.getProperty(AXON_UPDATE_CHECKER_DISABLED) == null) {
            System.setProperty(AXON_UPDATE_CHECKER_DISABLED, "true");
        }
        return new SpringApplicationBuilder(application)
                .properties("spring.config.name=" + serviceName);
    }

    public static ConfigurableApplicationContext run(Class<?> application, String serviceName, String... args) {
        return builder(application, serviceName).run(args);
    }
}
