package nl.ipsexchange.stack;

import static nl.ipsexchange.stack.FiveServices.await;
import static nl.ipsexchange.stack.ServiceDefinition.BENEFITS_AGENCY;
import static nl.ipsexchange.stack.ServiceDefinition.MENTAL_HEALTH_AGENCY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import nl.ipsexchange.infra.embedded.ServiceDatabase.Login;
import nl.ipsexchange.infra.embedded.ServiceDatabase;
import nl.ipsexchange.platform.crypto.KeyEncryptionKey;
import nl.ipsexchange.platform.crypto.LocalKeyEncryptionKey;
import nl.ipsexchange.testsupport.ApiClient;
import nl.ipsexchange.testsupport.StoredKeyTrial;
import nl.ipsexchange.testsupport.TestBsns;
import nl.ipsexchange.testsupport.TestInfrastructure;

/**
 * An attacker with a database login, against the five real services (issue 27, ADR 0033): each service's credentials
 * are refused by every other service's database and can change no table of its own; a dump of all five databases,
 * every text and byte column, holds no canary of a client in plain text, and none of the data keys it holds opens the
 * ciphertexts beside them without the key-encryption key, which is not in any database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedFiveServices.class)
class DatabaseAccessAttackTest {

    private final FiveServices services;
    private final TestInfrastructure infrastructure = TestInfrastructure.get();

    DatabaseAccessAttackTest(FiveServices services) {
        this.services = services;
    }

    @Test
    void eachServicesCredentialsAreRefusedByEveryOtherServicesDatabase() {
        int refused = 0;
        for (ServiceDefinition attacker : ServiceDefinition.ALL) {
            ServiceDatabase stolen = services.database(attacker);
            for (ServiceDefinition target : ServiceDefinition.ALL) {
                if (target == attacker) {
                    continue;
                }
                for (Login login : List.of(stolen.runtime(), stolen.owner())) {
                    assertThatThrownBy(() -> query(services.jdbcUrl(target), login, "select 1"))
                            .as(login.user() + " on " + target.database())
                            .isInstanceOf(SQLException.class).hasMessageContaining("permission denied for database");
                    refused++;
                }
            }
        }
        assertThat(refused).isEqualTo(5 * 4 * 2);
    }

    @Test
    void runtimeCredentialsReadRowsButChangeNoTableNorTheMigrationHistoryAndAreNoSuperuser() throws SQLException {
        for (ServiceDefinition service : ServiceDefinition.ALL) {
            Login runtime = services.database(service).runtime();
            String url = services.jdbcUrl(service);
            assertThat(query(url, runtime, "select count(*) from token_entry")).as(service.name()).hasSize(1);
            assertThat(query(url, runtime, "select rolsuper::text from pg_roles where rolname = current_user"))
                    .containsExactly("false");
            for (String ddl : List.of("create table stolen (v text)", "drop table client_data_key",
                    "alter table domain_event_entry drop column payload", "truncate domain_event_entry",
                    "update flyway_schema_history set checksum = 0", "delete from flyway_schema_history")) {
                assertThatThrownBy(() -> query(url, runtime, ddl)).as(service.name() + ": " + ddl)
                        .isInstanceOf(SQLException.class)
                        .hasMessageMatching("(?s).*(permission denied|must be owner).*");
            }
        }
    }

    @Test
    void aDumpOfAllDatabasesHoldsNoCanaryInPlainTextAndNoKeyThatOpensTheCiphertexts() throws Exception {
        String canary = "canary-" + UUID.randomUUID();
        String name = "Anna " + canary + "-name";
        String client = registerWithHealthDataSharedWithTheBenefitsAgency(name, canary + "-health", canary + "-job");
        revokeAConsentBecause(client, canary + "-revoked");
        // and a denied information request, in the clinician's words: kept sealed at the mental health agency, never sent
        InformationRequestAnswers.denyInWords(services, client, canary + "-denied");

        for (ServiceDefinition service : ServiceDefinition.ALL) {
            // the mental health agency's own register, trajectories, events and projections included: name, health
            // summary, job preferences and employer are ciphertext everywhere
            assertThat(services.tablesContaining(service, canary)).as(service.name() + ": a canary in plain text")
                    .isEmpty();
        }
        int tried = 0;
        for (ServiceDefinition service : List.of(MENTAL_HEALTH_AGENCY, BENEFITS_AGENCY)) {
            Map<String, byte[]> keys = storedKeys(service);
            List<String> ciphertexts = storedCiphertexts(service);
            assertThat(keys.keySet()).as(service.name() + " holds keys of the client")
                    .anyMatch(keyId -> keyId.startsWith(client));
            assertThat(ciphertexts).as(service.name() + " holds ciphertexts").isNotEmpty();
            for (String ciphertext : ciphertexts) {
                keys.forEach((keyId, stored) -> assertThat(
                        StoredKeyTrial.opensWithAnyWindowOf(stored, keyId, ciphertext))
                        .as(service.name() + ": a stored key opens a ciphertext").isFalse());
                tried++;
            }
            // the same search with the key-encryption key, which is not in the database, opens them: it can find
            KeyEncryptionKey kek = LocalKeyEncryptionKey.fromSettings(null,
                    services.keyEncryptionKeyFile(service).toString(), false);
            assertThat(ciphertexts).as(service.name() + ": opened with the unwrapped keys").allMatch(ciphertext ->
                    keys.entrySet().stream().anyMatch(key -> StoredKeyTrial.opensWithAnyWindowOf(
                            kek.unwrap(key.getValue(), key.getKey()), key.getKey(), ciphertext)));
        }
        assertThat(tried).isGreaterThanOrEqualTo(3);
    }

    /** A second consent, to the municipality, revoked with the clinician's words as its reason. */
    private void revokeAConsentBecause(String client, String reason) {
        ApiClient clinician = services.as(MENTAL_HEALTH_AGENCY, "mha.clinician");
        ApiClient.Response consent = clinician.post("/api/clients/" + client + "/consents", """
                {"recipients":["MUNICIPALITY"],"categories":["IDENTIFICATION"],"purposes":["FUNDING_DECISION"],
                 "validFrom":"%s","validUntil":"%s"}""".formatted(FiveServices.today(), FiveServices.today()
                .plusDays(90)));
        assertThat(consent.status()).as(consent.body()).isEqualTo(201);
        ApiClient.Response revoked = clinician.post("/api/clients/" + client + "/consents/"
                + consent.json().get("consentId").asText() + "/revoke", "{\"reason\":\"" + reason + "\"}");
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        assertThat(clinician.get("/api/clients/" + client + "/consents").body()).as("the clinician reads it")
                .contains(reason);
    }

    /** Registers a client with health and employment data and a consent that shares it with the benefits agency. */
    private String registerWithHealthDataSharedWithTheBenefitsAgency(String name, String health, String job) {
        ApiClient clinician = services.as(MENTAL_HEALTH_AGENCY, "mha.clinician");
        ApiClient.Response created = clinician.post("/api/clients", """
                {"name":"%s","bsn":"%s","dateOfBirth":"1984-02-29","benefit":"DISABILITY",
                 "municipality":"Zeist"}""".formatted(name, TestBsns.random()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("clientId").asText();
        assertThat(clinician.put("/api/clients/" + id + "/health/HEALTH_SUMMARY", "{\"text\":\"" + health + "\"}")
                .status()).isEqualTo(204);
        assertThat(clinician.put("/api/clients/" + id + "/employment",
                "{\"jobPreferences\":\"" + job + "\",\"disclosureToEmployer\":false}").status()).isEqualTo(204);
        // a trajectory with the job preferences and a placement at an employer named after the canary too
        ApiClient.Response referred = clinician.post("/api/referrals", """
                {"clientId":"%s","wishesToWork":true,"jobPreferences":"%s","team":"IPS team Utrecht"}"""
                .formatted(id, job));
        assertThat(referred.status()).as(referred.body()).isEqualTo(201);
        ApiClient.Response placed = clinician.post("/api/trajectories/" + referred.json().get("trajectoryId")
                .asText() + "/placements", """
                {"employer":"%s-employer","jobTitle":"gardener","competitive":true,"hoursPerWeek":20,
                 "monthlyGrossWage":1500,"startDate":"%s"}""".formatted(job, FiveServices.today()));
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        ApiClient.Response consent = clinician.post("/api/clients/" + id + "/consents", """
                {"recipients":["BENEFITS"],"categories":["IDENTIFICATION","EMPLOYMENT","HEALTH_SUMMARY"],
                 "purposes":["FUNDING_DECISION"],"validFrom":"%s","validUntil":"%s"}"""
                .formatted(FiveServices.today(), FiveServices.today().plusDays(90)));
        assertThat(consent.status()).as(consent.body()).isEqualTo(201);
        ApiClient physician = services.as(BENEFITS_AGENCY, "benefits.physician");
        await(() -> physician.get("/api/clients/" + id + "/health/HEALTH_SUMMARY").body().contains(health),
                "the benefits agency's physician reads the shared health summary");
        assertThat(services.as(BENEFITS_AGENCY, "benefits.labour-expert").get("/api/clients/" + id).body())
                .contains(name);
        return id;
    }

    /** Every data key the service's database holds, by key id, as a dump (the superuser's) reads it. */
    private Map<String, byte[]> storedKeys(ServiceDefinition service) throws SQLException {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        try (Connection connection = superuser(service); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select client_id, data_key from client_data_key")) {
            while (rows.next()) {
                keys.put(rows.getString(1), rows.getBytes(2));
            }
        }
        return keys;
    }

    /** Every value of a text column of the service's database that is a ciphertext of client data. */
    private List<String> storedCiphertexts(ServiceDefinition service) throws SQLException {
        List<String> ciphertexts = new ArrayList<>();
        try (Connection connection = superuser(service)) {
            List<String> columns = new ArrayList<>();
            try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("""
                    select format('%I.%I', c.table_name, c.column_name) from information_schema.columns c
                    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                    where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
                      and c.data_type in ('text', 'character varying')""")) {
                while (rows.next()) {
                    columns.add(rows.getString(1));
                }
            }
            for (String column : columns) {
                String table = column.substring(0, column.indexOf('.'));
                String name = column.substring(column.indexOf('.') + 1);
                try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(
                        "select " + name + " from " + table + " where " + name + " like 'enc2:%'")) {
                    while (rows.next()) {
                        ciphertexts.add(rows.getString(1));
                    }
                }
            }
        }
        return ciphertexts;
    }

    private Connection superuser(ServiceDefinition service) throws SQLException {
        return DriverManager.getConnection(services.jdbcUrl(service), infrastructure.user(),
                infrastructure.password());
    }

    private static List<String> query(String url, Login login, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, login.user(), login.password());
             Statement statement = connection.createStatement()) {
            List<String> values = new ArrayList<>();
            if (statement.execute(sql)) {
                try (ResultSet rows = statement.getResultSet()) {
                    while (rows.next()) {
                        values.add(rows.getString(1));
                    }
                }
            }
            return values;
        }
    }
}
