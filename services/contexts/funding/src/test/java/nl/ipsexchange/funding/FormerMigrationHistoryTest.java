package nl.ipsexchange.funding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.ValidateResult;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import nl.ipsexchange.platform.PlatformDatabase;

/**
 * Databases migrated before ADR 0039, when every service applied the funding migrations from the platform's
 * location, start with the new layout and keep their data: a service without funding (the mental health agency, the
 * audit service) no longer has V5, V6 and V15 and ignores them as applied but missing ({@code ips-platform.yml});
 * a funder finds them in funding's own location with the checksums its history holds.
 */
class FormerMigrationHistoryTest {

    /** The checksums today's databases hold for funding's migrations, from when they were the platform's. */
    private static final Map<String, Integer> FORMER_CHECKSUMS = Map.of(
            "5", 156403606, "6", -1972538567, "15", 106065419);

    /** As before ADR 0039: the platform's migrations and funding's, in every service's database. */
    private static PlatformDatabase.Migrated formerLayout(String prefix) {
        return PlatformDatabase.migrated(prefix, FundingConfiguration.MIGRATIONS);
    }

    @Test
    void aServiceWithoutFundingStartsOnADatabaseThatHasFundingsMigrationsAndKeepsTheirTables() throws IOException {
        PlatformDatabase.Migrated database = formerLayout("former_no_funding");
        JdbcTemplate owner = new JdbcTemplate(database.owner());
        owner.update("insert into fidelity_register values ('r-1', 'Team A', current_date, 100, 'GOOD', true, "
                + "gen_random_uuid())");

        Flyway service = PlatformDatabase.asAService(database);
        ValidateResult validation = service.validateWithResult();

        assertThat(validation.validationSuccessful).as(validation.getAllErrorMessages()).isTrue();
        assertThat(service.migrate().migrationsExecuted).isZero();
        assertThat(owner.queryForObject("select count(*) from fidelity_register", Integer.class)).isEqualTo(1);
    }

    @Test
    void withoutIgnoringMissingMigrationsThatStartWouldBeRefused() {
        PlatformDatabase.Migrated database = formerLayout("former_refused");

        ValidateResult validation = Flyway.configure().dataSource(database.owner())
                .locations(PlatformDatabase.MIGRATIONS).load()
                .validateWithResult();

        assertThat(validation.validationSuccessful).isFalse();
    }

    @Test
    void aFunderFindsFundingsMigrationsInTheirOwnLocationWithTheChecksumsItsHistoryHolds() throws IOException {
        PlatformDatabase.Migrated database = formerLayout("former_funder");

        Flyway funder = PlatformDatabase.asAService(database, FundingConfiguration.MIGRATIONS);
        ValidateResult validation = funder.validateWithResult();

        assertThat(validation.validationSuccessful).as(validation.getAllErrorMessages()).isTrue();
        assertThat(funder.info().pending()).isEmpty();
        for (MigrationInfo applied : funder.info().applied()) {
            if (FORMER_CHECKSUMS.containsKey(applied.getVersion().getVersion())) {
                assertThat(applied.getChecksum()).as("V" + applied.getVersion())
                        .isEqualTo(FORMER_CHECKSUMS.get(applied.getVersion().getVersion()));
                assertThat(applied.getState().isResolved()).isTrue();
            }
        }
        assertThat(funder.info().applied()).extracting(info -> info.getVersion().getVersion())
                .contains("5", "6", "15");
    }

    @Test
    void aNewDatabaseOfAServiceWithoutFundingHasNoFundingTables() throws IOException {
        PlatformDatabase.Migrated database = PlatformDatabase.migrated("new_no_funding");

        assertThat(new JdbcTemplate(database.owner()).queryForObject("""
                select count(*) from information_schema.tables
                where table_name in ('fidelity_register', 'funding_application', 'payment_line')""", Integer.class))
                .isZero();
    }
}
