package nl.ipsexchange.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import nl.ipsexchange.infra.eventstore.EventStoreSchema;
import nl.ipsexchange.platform.PlatformDatabase;
import nl.ipsexchange.infra.embedded.ServiceDatabase;
import nl.ipsexchange.infra.embedded.ServiceDatabase.Login;
import nl.ipsexchange.platform.crypto.ClientDataCipher;
import nl.ipsexchange.testsupport.StoredKeyTrial;
import nl.ipsexchange.platform.crypto.LocalKeyEncryptionKey;
import nl.ipsexchange.testsupport.TestInfrastructure;

/**
 * A service's two database roles on a real PostgreSQL (ADR 0033): the runtime role reads and writes rows, tables of
 * later migrations included, and can change nothing else; it is no superuser and owns nothing; neither role of one
 * service's database gets into another's; what the roles read of the data keys opens nothing.
 */
class LeastPrivilegeDatabaseTest {

    private final TestInfrastructure infrastructure = TestInfrastructure.get();
    private ServiceDatabase database;
    private ServiceDatabase other;

    @BeforeEach
    void twoServiceDatabases() {
        database = migrated(infrastructure.newServiceDatabase("least_privilege"));
        other = migrated(infrastructure.newServiceDatabase("least_privilege_other"));
    }

    @Test
    void theRuntimeRoleCannotCreateAlterDropOrTruncateATable() {
        for (String ddl : List.of("create table smuggled (v text)",
                "alter table client_data_key add column smuggled text",
                "drop table client_data_key",
                "truncate token_entry",
                "create index smuggled on client_data_key (created_at)",
                "create function smuggled() returns int language sql as 'select 1'")) {
            assertThatThrownBy(() -> execute(database, database.runtime(), ddl)).as(ddl)
                    .isInstanceOf(SQLException.class)
                    .hasMessageMatching("(?s).*(permission denied|must be owner).*");
        }
    }

    @Test
    void theRuntimeRoleIsNoSuperuserAndOwnsNothing() throws SQLException {
        JdbcTemplate runtime = jdbc(database, database.runtime());

        assertThat(runtime.queryForObject("select rolsuper or rolcreatedb or rolcreaterole or rolbypassrls "
                + "from pg_roles where rolname = current_user", Boolean.class)).isFalse();
        assertThat(runtime.queryForObject("select count(*) from pg_class where relowner = "
                + "(select oid from pg_roles where rolname = current_user)", Integer.class)).isZero();
        assertThat(runtime.queryForObject("select has_schema_privilege('public', 'CREATE')", Boolean.class)).isFalse();
        assertThat(runtime.queryForObject("select has_database_privilege(current_database(), 'CREATE')",
                Boolean.class)).isFalse();
    }

    @Test
    void theRuntimeRoleReadsAndWritesRowsUsesSequencesAndRunsTheServicesFunctions() {
        JdbcTemplate runtime = jdbc(database, database.runtime());

        runtime.update("insert into domain_event_entry (aggregate_identifier, sequence_number, event_identifier, "
                + "payload, payload_type, time_stamp) values ('a', 0, ?, '\\x00', 'T', 'now')",
                UUID.randomUUID().toString());
        assertThat(runtime.queryForObject("select count(*) from domain_event_entry", Integer.class)).isOne();
        assertThat(runtime.queryForList("select * from lock_sequences_and_find_parked(array['client-1'])",
                String.class)).isEmpty();
        assertThat(runtime.update("delete from domain_event_entry")).isOne();
    }

    @Test
    void aTableALaterMigrationCreatesIsCoveredByTheRuntimeRolesGrants() throws SQLException {
        execute(database, database.owner(), "create table later_migration (id bigserial primary key, v text)");

        JdbcTemplate runtime = jdbc(database, database.runtime());
        runtime.update("insert into later_migration (v) values ('row')");
        assertThat(runtime.queryForObject("select v from later_migration", String.class)).isEqualTo("row");
    }

    @Test
    void eachDatabasesRolesAreRefusedByTheOtherDatabase() {
        for (Login login : List.of(database.runtime(), database.owner())) {
            assertThatThrownBy(() -> execute(other, login, "select 1")).as(login.user())
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied for database");
        }
        for (Login login : List.of(other.runtime(), other.owner())) {
            assertThatThrownBy(() -> execute(database, login, "select 1")).as(login.user())
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied for database");
        }
    }

    @Test
    void aRoleWithAWrongPasswordIsRefused() {
        Login guessed = new Login(database.runtime().user(), "postgres");

        assertThatThrownBy(() -> execute(database, guessed, "select 1")).isInstanceOf(SQLException.class)
                .hasMessageContaining("password authentication failed");
    }

    @Test
    void whatAnEarlierVersionCreatedAsTheSuperuserIsHandedToTheOwnerWhenTheRolesAreProvisionedAgain()
            throws SQLException {
        try (Connection superuser = DriverManager.getConnection(infrastructure.jdbcUrl(database),
                infrastructure.user(), infrastructure.password()); Statement sql = superuser.createStatement()) {
            sql.execute("create table from_before_the_roles (id bigserial primary key, v text)");
            sql.execute("create function from_before_the_roles() returns int language sql as 'select 1'");
        }
        assertThatThrownBy(() -> execute(database, database.runtime(),
                "insert into from_before_the_roles (v) values ('x')")).isInstanceOf(SQLException.class);

        database.provision(infrastructure.jdbcBase(), new Login(infrastructure.user(), infrastructure.password()));

        JdbcTemplate owner = jdbc(database, database.owner());
        assertThat(owner.queryForObject("select pg_get_userbyid(relowner) from pg_class where relname = ?",
                String.class, "from_before_the_roles")).isEqualTo(database.owner().user());
        assertThat(owner.queryForObject("select pg_get_userbyid(relowner) from pg_class where relname = ?",
                String.class, "from_before_the_roles_id_seq")).isEqualTo(database.owner().user());
        JdbcTemplate runtime = jdbc(database, database.runtime());
        runtime.update("insert into from_before_the_roles (v) values ('x')");
        assertThat(runtime.queryForObject("select from_before_the_roles()", Integer.class)).isOne();
    }

    @Test
    void whatTheRolesReadOfTheDataKeysOpensNothingWithoutTheKeyEncryptionKey() {
        ClientDataCipher cipher = new ClientDataCipher(jdbc(database, database.runtime()),
                LocalKeyEncryptionKey.generate());
        String client = UUID.randomUUID().toString();
        String sealed = cipher.encrypt(client, "canary " + client);

        for (Login login : List.of(database.runtime(), database.owner())) {
            List<byte[]> keys = jdbc(database, login).queryForList("select data_key from client_data_key",
                    byte[].class);
            assertThat(keys).as(login.user()).hasSize(1);
            assertThat(StoredKeyTrial.opensWithAnyWindowOf(keys.get(0), client, sealed)).as(login.user())
                    .isFalse();
        }
    }

    private ServiceDatabase migrated(ServiceDatabase serviceDatabase) {
        Flyway.configure().dataSource(infrastructure.jdbcUrl(serviceDatabase), serviceDatabase.owner().user(),
                        serviceDatabase.owner().password())
                .locations(EventStoreSchema.MIGRATIONS, PlatformDatabase.MIGRATIONS).load().migrate();
        return serviceDatabase;
    }

    private JdbcTemplate jdbc(ServiceDatabase serviceDatabase, Login login) {
        return new JdbcTemplate(new DriverManagerDataSource(infrastructure.jdbcUrl(serviceDatabase), login.user(),
                login.password()));
    }

    private void execute(ServiceDatabase serviceDatabase, Login login, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(infrastructure.jdbcUrl(serviceDatabase),
                login.user(), login.password()); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
