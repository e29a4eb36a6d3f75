package nl.ipsexchange.platform;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import nl.ipsexchange.platform.status.RebuildStatusProjection;
import nl.ipsexchange.testsupport.TestInfrastructure;

/** A new database on the test PostgreSQL with the platform's tables (its Flyway migrations, as every service has). */
public final class PlatformDatabase {

    private PlatformDatabase() {
    }

    /** A new, migrated database; its URL, user and password are the data source's. */
    public static DriverManagerDataSource fresh(String prefix) {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        String url = infrastructure.newDatabase(prefix);
        Flyway.configure().dataSource(url, infrastructure.user(), infrastructure.password())
                .locations("classpath:db/migration/platform")
                .javaMigrations(new RebuildStatusProjection()).load().migrate();
        return new DriverManagerDataSource(url, infrastructure.user(), infrastructure.password());
    }
}
