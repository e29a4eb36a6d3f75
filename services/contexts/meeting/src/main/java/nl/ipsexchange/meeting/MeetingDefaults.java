package nl.ipsexchange.meeting;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

import nl.ipsexchange.platform.PlatformDefaults;

/**
 * Adds {@code ips-meeting.yml} (the meeting processor's mode) as a low-precedence property
 * source, as the platform adds {@code ips-platform.yml}: each service's own file and the environment override it.
 * Runs just before the platform's, so that it lies just above the platform's defaults.
 */
public class MeetingDefaults implements EnvironmentPostProcessor, Ordered {

    /** The meeting module's default settings on the class path. */
    public static final String FILE = "ips-meeting.yml";

    private static final String NAME = "ips-meeting";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getPropertySources().contains(NAME)) {
            PlatformDefaults.addLowest(environment, NAME, FILE);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 1;
    }
}
