package nl.ipsexchange.status;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Flyway migration 20: fills the status projections (created by {@code V19__status_projection.sql}) from the status
 * events stored before them, with the same code that keeps them up to date ({@link StatusProjection#rebuild}), in
 * the migration's transaction. A new way of working them out gets a migration like this one of its own.
 */
public class RebuildStatusProjection implements JavaMigration {

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("20");
    }

    @Override
    public String getDescription() {
        return "rebuild status projection";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) {
        JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(context.getConnection(), true));
        // nothing stored before: nothing to fill (and no reliance on how later migrations shape these tables)
        if (Boolean.TRUE.equals(jdbc.queryForObject("select exists (select 1 from status_event)", Boolean.class))) {
            StatusProjection.rebuild(jdbc);
        }
    }
}
