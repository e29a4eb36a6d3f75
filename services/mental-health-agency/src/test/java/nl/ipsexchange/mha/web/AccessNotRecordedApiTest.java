package nl.ipsexchange.mha.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import nl.ipsexchange.mha.MentalHealthAgencyTest;
import nl.ipsexchange.testsupport.ApiClient;
import nl.ipsexchange.testsupport.TestBsns;

/**
 * "An access that cannot be recorded is not served", against a real PostgreSQL: while the database refuses to
 * store access records (a trigger that raises on their insert), a read of a client's health data answers 503 with
 * a problem document that names no data, and nothing is recorded; once records can be stored again, the same read
 * is served and recorded.
 */
@MentalHealthAgencyTest
class AccessNotRecordedApiTest {

    /** Records of views: the relay writes WITHHOLD records of its own for the health update, in its own time. */
    private static final String ACCESS_RECORDS = "select count(*) from domain_event_entry where payload_type like "
            + "'%AccessRecorded%' and convert_from(payload, 'UTF8')::jsonb ->> 'action' = 'VIEW'";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Environment environment;

    private ApiClient clinician() {
        return ApiClient.as("http://localhost:" + port, "mha.clinician");
    }

    @Test
    void aHealthReadWhoseAccessRecordCannotBeStoredIsA503WithoutTheData() {
        String bsn = TestBsns.random();
        ApiClient.Response created = clinician().post("/api/clients", """
                {"name":"Bram Unrecorded","bsn":"%s","dateOfBirth":"1980-01-01","benefit":"NONE",
                 "municipality":"Gouda"}""".formatted(bsn));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String clientId = created.json().get("clientId").asText();
        String marker = "sleeps-badly-" + UUID.randomUUID();
        assertThat(clinician().put("/api/clients/" + clientId + "/health/HEALTH_SUMMARY",
                "{\"text\":\"" + marker + "\"}").status()).isEqualTo(204);
        ApiClient.Response served = clinician().get("/api/clients/" + clientId);
        assertThat(served.status()).isEqualTo(200);
        assertThat(served.json().get("healthSummary").asText()).as("the control: the read shows health data")
                .isEqualTo(marker);

        long recorded = count(ACCESS_RECORDS);
        refuseAccessRecords();
        ApiClient.Response refused;
        try {
            refused = clinician().get("/api/clients/" + clientId);
            assertThat(count(ACCESS_RECORDS)).as("nothing was recorded").isEqualTo(recorded);
        } finally {
            acceptAccessRecords();
        }

        assertThat(refused.status()).as(refused.body()).isEqualTo(503);
        assertThat(refused.isProblem()).isTrue();
        assertThat(refused.json().get("title").asText()).isEqualTo("Access not recorded");
        assertThat(refused.json().get("detail").asText()).contains("could not be recorded", "Try again later");
        assertThat(refused.body()).doesNotContain(marker, "healthSummary", "Bram", bsn, clientId,
                "refused by test", "Exception", "at nl.");

        ApiClient.Response again = clinician().get("/api/clients/" + clientId);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("healthSummary").asText()).isEqualTo(marker);
        assertThat(count(ACCESS_RECORDS)).as("the served read is recorded").isEqualTo(recorded + 1);
    }

    /**
     * The database's owner, who may add a trigger: the service's own login reads and writes rows only (ADR 0033).
     */
    private JdbcTemplate owner() {
        return new JdbcTemplate(new DriverManagerDataSource(environment.getRequiredProperty("spring.datasource.url"),
                environment.getRequiredProperty("spring.flyway.user"),
                environment.getRequiredProperty("spring.flyway.password")));
    }

    /** The database refuses every access record (and only those) until {@link #acceptAccessRecords()}. */
    private void refuseAccessRecords() {
        JdbcTemplate owner = owner();
        owner.execute("""
                create or replace function refuse_access_records() returns trigger language plpgsql as $$
                begin
                    if new.payload_type like '%AccessRecorded%' then
                        raise exception 'access record refused by test';
                    end if;
                    return new;
                end $$""");
        owner.execute("""
                create trigger refuse_access_records before insert on domain_event_entry
                for each row execute function refuse_access_records()""");
    }

    private void acceptAccessRecords() {
        JdbcTemplate owner = owner();
        owner.execute("drop trigger if exists refuse_access_records on domain_event_entry");
        owner.execute("drop function if exists refuse_access_records()");
    }

    private long count(String sql) {
        Long count = jdbc.queryForObject(sql, Long.class);
        return count == null ? 0 : count;
    }
}
