package nl.ipsexchange.mha.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import nl.ipsexchange.kernel.consent.ConsentTerms;
import nl.ipsexchange.mha.MhaOnItsOwnDatabase;
import nl.ipsexchange.testsupport.ApiClient;

/**
 * A consent's expiry is a deadline in the database, not in memory: given while one instance of the service runs, it
 * still expires the consent when it falls due after that instance has stopped and another has started on the same
 * database. (The deadline's execution time is moved to now while no instance runs, standing in for the days that
 * would pass until {@code validUntil}; the expiry handler itself does not look at the clock.)
 */
class ConsentExpiryRestartTest {

    private static final LocalDate TODAY = LocalDate.now(ConsentTerms.ZONE);

    private final MhaOnItsOwnDatabase database = new MhaOnItsOwnDatabase("mha_restart");
    private final JdbcTemplate jdbc = database.jdbc();

    @Test
    void aConsentGivenBeforeARestartExpiresWhenItsDeadlinePassesAfterTheRestart() {
        String clientId;
        String consentId;
        String deadline;
        try (ConfigurableApplicationContext first = database.start()) {
            ApiClient clinician = MhaOnItsOwnDatabase.clinician(first);
            ApiClient.Response created = clinician.post("/api/clients", """
                    {"name":"Client 100000101","bsn":"100000101","dateOfBirth":"1991-01-01","benefit":"NONE",
                     "municipality":"Ede"}""");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            clientId = created.json().get("clientId").asText();
            List<String> tasksBefore = tasks();
            ApiClient.Response given = clinician.post("/api/clients/" + clientId + "/consents", """
                    {"recipients":["BENEFITS"],"categories":["IDENTIFICATION"],"purposes":["FUNDING_DECISION"],
                     "validFrom":"%s","validUntil":"%s"}""".formatted(TODAY, TODAY.plusDays(3)));
            assertThat(given.status()).as(given.body()).isEqualTo(201);
            consentId = given.json().get("consentId").asText();
            List<String> added = new ArrayList<>(tasks());
            added.removeAll(tasksBefore);
            assertThat(added).as("one persistent deadline").hasSize(1);
            deadline = added.get(0);
            assertThat(status(clinician, clientId)).isEqualTo("ACTIVE");
        }

        // no instance runs: the deadline falls due
        assertThat(jdbc.update("update scheduled_tasks set execution_time = now() where task_instance = ?",
                deadline)).isEqualTo(1);
        assertThat(expiredEvents(consentId)).as("nothing expires while no instance runs").isZero();

        try (ConfigurableApplicationContext second = database.start()) {
            ApiClient clinician = MhaOnItsOwnDatabase.clinician(second);
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!status(clinician, clientId).equals("EXPIRED") && System.nanoTime() < until) {
                sleep();
            }
            assertThat(status(clinician, clientId)).as("expired by the restarted instance").isEqualTo("EXPIRED");
            assertThat(expiredEvents(consentId)).isEqualTo(1);
            assertThat(jdbc.queryForObject("select count(*) from scheduled_tasks where task_instance = ?",
                    Integer.class, deadline)).as("the deadline is done").isZero();
        }
    }

    private static String status(ApiClient clinician, String clientId) {
        return clinician.get("/api/clients/" + clientId + "/consents").json().get(0).get("status").asText();
    }

    private List<String> tasks() {
        return jdbc.queryForList("select task_instance from scheduled_tasks", String.class);
    }

    private int expiredEvents(String consentId) {
        return jdbc.queryForObject("select count(*) from domain_event_entry where payload_type like "
                + "'%ConsentExpiredEvent' and aggregate_identifier = ?", Integer.class, consentId);
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
