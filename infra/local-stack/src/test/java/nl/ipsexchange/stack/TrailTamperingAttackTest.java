package nl.ipsexchange.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;

import nl.ipsexchange.infra.embedded.ServiceDatabase;
import nl.ipsexchange.testsupport.ApiClient;
import nl.ipsexchange.testsupport.TestInfrastructure;

/**
 * An attacker with the audit database's login (issue 27): rewinds, truncates, edits, reorders and deletes records of
 * the running stack's trail through a plain JDBC connection, the verification's memory too, and then asks the audit
 * service for a verification. Each tampering is reported as not intact, naming the chain; rewinding the records
 * and the verifications' memory together is caught by the signed checkpoint on Kafka (ADR 32). And outside the demo
 * profile the audit service does not start with a published or missing key.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrailTamperingAttackTest {

    private static final String CHAIN = "MENTAL_HEALTH";
    /** The tables the attacker changes, restored after each test from a copy made before the first. */
    private static final List<String> TAMPERED = List.of("access_record", "access_chain_head",
            "trail_verification", "trail_verification_head");

    private final FiveServices services = new FiveServices();
    /** The mental health agency's chain in the audit database, oldest first. */
    private List<String> records;

    @BeforeAll
    void aClientReadFiveTimesByTheClinicianIsInTheTrailAndVerified() {
        ApiClient clinician = services.as(ServiceDefinition.MENTAL_HEALTH_AGENCY, "mha.clinician");
        ApiClient.Response created = clinician.post("/api/clients", """
                {"name":"Client T","bsn":"100000009","dateOfBirth":"1981-01-01","benefit":"DISABILITY",
                 "municipality":"Ede"}""");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String client = created.json().get("clientId").asText();
        assertThat(clinician.put("/api/clients/" + client + "/health/HEALTH_SUMMARY", "{\"text\":\"tired\"}")
                .status()).isEqualTo(204);
        for (int i = 0; i < 5; i++) {
            assertThat(clinician.get("/api/clients/" + client).status()).isEqualTo(200);
        }
        FiveServices.await(() -> services.count(ServiceDefinition.AUDIT, "select count(*) from access_record "
                + "where client_id = '" + client + "' and action = 'VIEW'") >= 5, "the reads are in the trail");
        services.awaitCaughtUp();
        JsonNode first = verification();
        assertThat(first.get("intact").asBoolean()).as(first.toString()).isTrue();
        records = services.rows(ServiceDefinition.AUDIT, "select record_id from access_record where source_agency = '"
                + CHAIN + "' order by chain_position");
        assertThat(records.size()).isGreaterThanOrEqualTo(6);
        for (String table : TAMPERED) {
            attack("create table copy_of_" + table + " as select * from " + table);
        }
    }

    @AfterEach
    void theTrailIsRestored() {
        attack("delete from access_record", "delete from access_chain_head", "delete from trail_verification");
        for (String table : TAMPERED) {
            attack("insert into " + table + (table.equals("trail_verification") ? " overriding system value" : "")
                    + " select * from copy_of_" + table);
        }
        JsonNode restored = verification();
        assertThat(restored.get("intact").asBoolean()).as(restored.toString()).isTrue();
    }

    @AfterAll
    void stop() {
        services.close();
    }

    @Test
    void movingTheChainsHeadBackToAnOlderRecordIsDetectedAndTheChainNamed() {
        attack(head("select chain_position, record_id, record_hash from access_record where record_id = '"
                + newest(3) + "'"));

        assertNotIntact("the head was moved back to an older record");
    }

    @Test
    void deletingTheNewestRecordsIsDetectedAndTheChainNamed() {
        attack("delete from access_record where record_id in ('" + newest(0) + "', '" + newest(1) + "')");

        assertNotIntact("the newest record(s) of the chain are missing");
    }

    @Test
    void deletingTheNewestRecordsAndMovingTheHeadBackIsDetectedAndTheChainNamed() {
        truncateByTwo();

        assertNotIntact("fewer than the " + records.size() + " that the verification of ");
    }

    @Test
    void editingARecordIsDetectedAndTheChainNamed() {
        attack("update access_record set reason = 'nothing to see' where record_id = '" + newest(2) + "'");

        assertNotIntact("does not match its hash (edited)");
    }

    @Test
    void reorderingTwoRecordsIsDetectedAndTheChainNamed() {
        attack("update access_record set chain_position = -chain_position where record_id in ('" + newest(2)
                        + "', '" + newest(3) + "')",
                "update access_record set chain_position = case when chain_position = -" + position(newest(2))
                        + " then " + position(newest(3)) + " else " + position(newest(2)) + " end "
                        + "where chain_position < 0");

        assertNotIntact("is out of its place in the chain");
    }

    @Test
    void deletingARecordInTheMiddleIsDetectedAndTheChainNamed() {
        attack("delete from access_record where record_id = '" + newest(2) + "'");

        assertNotIntact("a record is missing from the chain (deleted)");
    }

    @Test
    void rewindingTheRecordsAndTheVerificationsMemoryTogetherIsCaughtByTheSignedCheckpointOnKafka() {
        truncateByTwo();
        attack("delete from trail_verification");

        assertNotIntact("fewer than the " + records.size() + " that the signed checkpoint of ");
    }

    @Test
    void outsideTheDemoProfileTheAuditServiceDoesNotStartWithAPublishedOrMissingKey() {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        ServiceDatabase refused = infrastructure.newServiceDatabase("audit_refused");
        ServiceLauncher.Infrastructure where = new ServiceLauncher.Infrastructure(infrastructure.jdbcBase(),
                List.of(refused), infrastructure::kafkaLogin, infrastructure.webServerDirectory("keys"));
        String database = refused.name();

        String published = refusal(where, database, "--ips.audit.chain-key=local-development-chain-key-change-me",
                "--ips.audit.checkpoint.signing-key=MC4CAQAwBQYDK2VwBCIEIHZv4/lZcK6KuOmd2KPUZIUyENIGMCvoz0ByOsO1M8ZA");
        assertThat(published).contains("ips.audit.chain-key holds a value published in the source")
                .doesNotContain("local-development-chain-key-change-me");
        assertThat(refusal(where, database)).contains("ips.audit.chain-key is not set");
    }

    private static String refusal(ServiceLauncher.Infrastructure where, String database, String... arguments) {
        Throwable failure = catchThrowable(() -> ServiceLauncher.start(ServiceDefinition.AUDIT, where, database, 0,
                List.of(arguments)).stop());
        assertThat(failure).as("the start is refused").isNotNull();
        List<String> messages = new ArrayList<>();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            messages.add(String.valueOf(cause.getMessage()));
        }
        return String.join("\n", messages);
    }

    /** The two newest records deleted and the head moved back to the record before them, as a careful attacker would. */
    private void truncateByTwo() {
        attack("delete from access_record where record_id in ('" + newest(0) + "', '" + newest(1) + "')",
                head("select chain_position, record_id, record_hash from access_record where record_id = '"
                        + newest(2) + "'"));
    }

    private static String head(String from) {
        return "update access_chain_head h set chain_position = r.chain_position, record_id = r.record_id, "
                + "record_hash = r.record_hash from (" + from + ") r where h.source_agency = '" + CHAIN + "'";
    }

    /** The chain's newest record but {@code back}. */
    private String newest(int back) {
        return records.get(records.size() - 1 - back);
    }

    private long position(String record) {
        return services.count(ServiceDefinition.AUDIT, "select abs(chain_position) from access_record where record_id = '"
                + record + "'");
    }

    private void assertNotIntact(String problem) {
        JsonNode report = verification();
        assertThat(report.get("intact").asBoolean()).as(report.toString()).isFalse();
        assertThat(report.get("agency").asText()).as("the chain is named").isEqualTo(CHAIN);
        assertThat(report.get("reason").asText()).contains(problem);
        assertThat(report.get("firstBrokenRecordId").isNull()).isFalse();
    }

    private JsonNode verification() {
        ApiClient.Response response = services.as(ServiceDefinition.AUDIT, "audit.auditor")
                .get("/api/access-records/verification");
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }

    /** Statements on the audit database through a plain JDBC connection, as a stolen login would send them. */
    private void attack(String... statements) {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        try (Connection connection = DriverManager.getConnection(services.databaseUrl(ServiceDefinition.AUDIT),
                infrastructure.user(), infrastructure.password()); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
