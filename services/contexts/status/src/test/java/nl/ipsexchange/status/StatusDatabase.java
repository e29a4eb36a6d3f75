package nl.ipsexchange.status;

import java.util.List;

import nl.ipsexchange.platform.PlatformDatabase;

/** A new database on the test PostgreSQL with the platform's tables and status's, as every service has them. */
final class StatusDatabase {

    private StatusDatabase() {
    }

    static PlatformDatabase.Migrated migrated(String prefix) {
        return PlatformDatabase.migrated(prefix, List.of(new RebuildStatusProjection()), StatusConfiguration.MIGRATIONS);
    }
}
