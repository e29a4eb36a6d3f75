package nl.ipsexchange.status;

import java.util.Arrays;
import java.util.stream.Stream;

import org.flywaydb.core.api.Location;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import nl.ipsexchange.kernel.security.Role;
import nl.ipsexchange.platform.PlatformAutoConfiguration;
import nl.ipsexchange.platform.security.SecurityConfiguration;
import nl.ipsexchange.platform.web.NavigationLink;

/**
 * Status in every service: the de-identified status events every agency receives on {@code ips.status}, kept with
 * their projections ({@link StatusEventRecorder}, offered each received event by the platform), and the decision
 * makers' measures, API and page, per quarter with small counts suppressed ({@link DeIdentifiedStatus}, ADR 53).
 * Its tables are its own migrations ({@value #MIGRATIONS}, and the Java migration {@link RebuildStatusProjection},
 * version 20), kept at their versions (ADR 0039). After the platform, whose beans it uses.
 */
@AutoConfiguration(after = PlatformAutoConfiguration.class)
@Import({StatusController.class, StatusPage.class})
public class StatusConfiguration {

    /** Where status's Flyway migrations are: added to the platform's and the service's own locations. */
    public static final String MIGRATIONS = "classpath:db/migration/status";

    @Bean
    public FlywayConfigurationCustomizer statusMigrations() {
        return configuration -> configuration.locations(Stream.concat(
                Arrays.stream(configuration.getLocations()),
                Stream.of(new Location(MIGRATIONS))).toArray(Location[]::new));
    }

    /** Flyway migration 20 (picked up by Spring Boot's Flyway as a bean): the status projections filled. */
    @Bean
    public RebuildStatusProjection rebuildStatusProjection() {
        return new RebuildStatusProjection();
    }

    /** The page's link in the header, for the readers of {@link StatusPage} (ADR 0043). */
    @Bean
    public NavigationLink statusNavigationLink() {
        return NavigationLink.forRoles(100, "/status", "Status", Role.PROGRAMME_DIRECTOR, Role.BENEFITS_MANAGER,
                Role.PARTICIPATION_ADVISER, Role.CARE_ADVISER, Role.AUDITOR);
    }

    @Bean
    public StatusEventRecorder statusEventRecorder(JdbcTemplate jdbc) {
        return new StatusEventRecorder(jdbc);
    }

    @Bean
    public StatusQueries statusQueries(JdbcTemplate jdbc) {
        return new StatusQueries(jdbc);
    }

    @Bean
    public StatusMeasures statusMeasures(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        return new StatusMeasures(jdbc, transactions);
    }

    @Bean
    public DeIdentifiedStatus deIdentifiedStatus(StatusMeasures measures, StatusQueries queries,
                                                 Environment environment) {
        return new DeIdentifiedStatus(measures, queries, minimumCount(environment));
    }

    /**
     * k, the least count of clients shown ({@value DeIdentifiedStatus#SETTING}, default
     * {@value DeIdentifiedStatus#DEFAULT_MINIMUM_COUNT}): 3 or more, since a count suppressed below 2 could only be
     * 1; or 1, which suppresses nothing, only under the demo profile (test stacks that count single events). A
     * refusal stops the start and names the setting.
     */
    static int minimumCount(Environment environment) {
        String text = environment.getProperty(DeIdentifiedStatus.SETTING);
        int minimum;
        try {
            minimum = text == null ? DeIdentifiedStatus.DEFAULT_MINIMUM_COUNT : Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalStateException(DeIdentifiedStatus.SETTING + " must be a whole number", e);
        }
        if (minimum == 1 && !environment.acceptsProfiles(Profiles.of(SecurityConfiguration.DEMO_PROFILE))) {
            throw new IllegalStateException(DeIdentifiedStatus.SETTING + " = 1 shows every count, however small: "
                    + "allowed only under the demo profile (test stacks); set 3 or more (default "
                    + DeIdentifiedStatus.DEFAULT_MINIMUM_COUNT + ")");
        }
        if (minimum != 1 && minimum < 3) {
            throw new IllegalStateException(DeIdentifiedStatus.SETTING + " must be 3 or more (default "
                    + DeIdentifiedStatus.DEFAULT_MINIMUM_COUNT + "): a count suppressed below " + minimum
                    + " could only be 1 (or 1 under the demo profile: nothing suppressed)");
        }
        return minimum;
    }
}
