package nl.ipsexchange.sharing;

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
 * Databases migrated before ADR 0043, when every service applied sharing's migrations from the platform's location,
 * start with the new layout and keep their data: a service that receives no shared data (the mental health agency,
 * the audit service) no longer has V4, V7 and V62 and ignores them as applied but missing ({@code ips-platform.yml});
 * a receiving agency finds them in sharing's own location with the checksums its history holds.
 */
class FormerMigrationHistoryTest {

    /** The checksums today's databases hold for sharing's migrations, from when they were the platform's. */
    private static final Map<String, Integer> FORMER_CHECKSUMS = Map.of(
            "4", 1966102822, "7", 1091389724, "62", -838138108);

    /** As before ADR 0043: the platform's migrations and sharing's, in every service's database. */
    private static PlatformDatabase.Migrated formerLayout(String prefix) {
        return PlatformDatabase.migrated(prefix, SharingConfiguration.MIGRATIONS);
    }

    @Test
    void aServiceWithoutSharingStartsOnADatabaseThatHasSharingsMigrationsAndKeepsTheirTables() throws IOException {
        PlatformDatabase.Migrated database = formerLayout("former_no_sharing");
        JdbcTemplate owner = new JdbcTemplate(database.owner());
        owner.update("""
                insert into information_request_sent (request_id, client_id, categories, purpose, requested_by,
                    requested_at, last_event_id) values ('r-1', 'c-1', 'BENEFITS', 'FUNDING_DECISION', 'someone',
                    current_timestamp, 'r-1')""");

        Flyway service = PlatformDatabase.asAService(database);
        ValidateResult validation = service.validateWithResult();

        assertThat(validation.validationSuccessful).as(validation.getAllErrorMessages()).isTrue();
        assertThat(service.migrate().migrationsExecuted).isZero();
        assertThat(owner.queryForObject("select count(*) from information_request_sent", Integer.class))
                .isEqualTo(1);
    }

    @Test
    void withoutIgnoringMissingMigrationsThatStartWouldBeRefused() {
        PlatformDatabase.Migrated database = formerLayout("former_sharing_refused");

        ValidateResult validation = Flyway.configure().dataSource(database.owner())
                .locations(PlatformDatabase.MIGRATIONS).load()
                .validateWithResult();

        assertThat(validation.validationSuccessful).isFalse();
    }

    @Test
    void aRecipientFindsSharingsMigrationsInTheirOwnLocationWithTheChecksumsItsHistoryHolds() throws IOException {
        PlatformDatabase.Migrated database = formerLayout("former_recipient");

        Flyway recipient = PlatformDatabase.asAService(database, SharingConfiguration.MIGRATIONS);
        ValidateResult validation = recipient.validateWithResult();

        assertThat(validation.validationSuccessful).as(validation.getAllErrorMessages()).isTrue();
        assertThat(recipient.info().pending()).isEmpty();
        for (MigrationInfo applied : recipient.info().applied()) {
            if (FORMER_CHECKSUMS.containsKey(applied.getVersion().getVersion())) {
                assertThat(applied.getChecksum()).as("V" + applied.getVersion())
                        .isEqualTo(FORMER_CHECKSUMS.get(applied.getVersion().getVersion()));
                assertThat(applied.getState().isResolved()).isTrue();
            }
        }
        assertThat(recipient.info().applied()).extracting(info -> info.getVersion().getVersion())
                .contains("4", "7", "62");
    }

    @Test
    void aNewDatabaseOfAServiceWithoutSharingHasNoSharingTables() {
        PlatformDatabase.Migrated database = PlatformDatabase.migrated("new_no_sharing");

        assertThat(new JdbcTemplate(database.owner()).queryForObject("""
                select count(*) from information_schema.tables
                where table_name in ('consent_replica', 'shared_client_data', 'information_request_sent')""",
                Integer.class)).isZero();
    }
}
