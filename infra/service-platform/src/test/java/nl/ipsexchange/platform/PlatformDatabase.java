package nl.ipsexchange.platform;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.boot.autoconfigure.flyway.FlywayProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import nl.ipsexchange.infra.embedded.ServiceDatabase;
import nl.ipsexchange.infra.eventstore.EventStoreSchema;
import nl.ipsexchange.testsupport.TestInfrastructure;

/**
 * A new database on the test PostgreSQL with the platform's tables (its Flyway migrations, as every service has), and
 * those of the business contexts whose migration locations (and Java migrations) are named (a context's tests use
 * its own).
 */
public final class PlatformDatabase {

    /** The platform's own migrations, which every service applies (after the event store's). */
    public static final String MIGRATIONS = "classpath:db/migration/platform";

    private PlatformDatabase() {
    }

    /**
     * A new database migrated by its owner role; the data source logs in as its runtime role, as a service's
     * connection pool does (rows only, no DDL: ADR 0033). Its URL, user and password are the data source's.
     */
    public static DriverManagerDataSource fresh(String prefix, String... contextLocations) {
        return migrated(prefix, contextLocations).runtime();
    }

    /** A new, migrated database with both its logins. */
    public static Migrated migrated(String prefix, String... contextLocations) {
        return migrated(prefix, List.of(), contextLocations);
    }

    /** A new, migrated database with both its logins, also applying a context's Java migrations. */
    public static Migrated migrated(String prefix, List<JavaMigration> javaMigrations, String... contextLocations) {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        ServiceDatabase database = infrastructure.newServiceDatabase(prefix);
        String url = infrastructure.jdbcUrl(database);
        List<String> locations = new ArrayList<>(List.of(EventStoreSchema.MIGRATIONS, MIGRATIONS));
        locations.addAll(List.of(contextLocations));
        Flyway.configure().dataSource(url, database.owner().user(), database.owner().password())
                .locations(locations.toArray(String[]::new))
                .javaMigrations(javaMigrations.toArray(JavaMigration[]::new)).load().migrate();
        return new Migrated(url, database);
    }

    /** A migrated database: its runtime role for what a service does, its owner for what only migrations do. */
    public record Migrated(String url, ServiceDatabase database) {

        public DriverManagerDataSource runtime() {
            return new DriverManagerDataSource(url, database.runtime().user(), database.runtime().password());
        }

        public DriverManagerDataSource owner() {
            return new DriverManagerDataSource(url, database.owner().user(), database.owner().password());
        }
    }

    /**
     * Flyway as Spring Boot configures it for a service from {@code ips-platform.yml} (its ignore patterns), on the
     * database as its owner: the event store's migrations, the platform's and the given context locations.
     */
    public static Flyway asAService(Migrated database, String... contextLocations) throws IOException {
        List<PropertySource<?>> yaml = new YamlPropertySourceLoader().load("ips-platform",
                new ClassPathResource("ips-platform.yml"));
        FlywayProperties settings = new Binder(ConfigurationPropertySources.from(yaml))
                .bind("spring.flyway", FlywayProperties.class).get();
        List<String> locations = new ArrayList<>(List.of(EventStoreSchema.MIGRATIONS, MIGRATIONS));
        locations.addAll(List.of(contextLocations));
        return Flyway.configure().dataSource(database.owner()).locations(locations.toArray(String[]::new))
                .ignoreMigrationPatterns(settings.getIgnoreMigrationPatterns().toArray(String[]::new)).load();
    }
}
