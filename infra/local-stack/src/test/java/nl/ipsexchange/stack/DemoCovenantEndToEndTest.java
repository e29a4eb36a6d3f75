package nl.ipsexchange.stack;

import static nl.ipsexchange.stack.FiveServices.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;

import nl.ipsexchange.stack.ServiceLauncher.RunningService;

/** The demo covenant loads through the public API into the five running services and leaves a living system. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoCovenantEndToEndTest {

    /** The demo's counts are added up over its quarters here: none suppressed (ADR 53, demo profile only). */
    private final FiveServices services = new FiveServices(service -> List.of("--ips.status.minimum-count=1"));

    @AfterAll
    void stop() {
        services.close();
    }

    @Test
    void theDemoCovenantLoadsOnceWithTrajectoriesAtEveryStage() {
        Map<String, String> urls = new LinkedHashMap<>();
        for (RunningService service : services.running()) {
            urls.put(service.definition().name(), service.baseUrl());
        }
        DemoCovenant demo = new DemoCovenant(urls);

        assertThat(demo.loadIfEmpty()).isEqualTo(36);

        assertThat(services.count(ServiceDefinition.MENTAL_HEALTH_AGENCY, "select count(*) from client_register"))
                .isEqualTo(36);
        assertThat(services.count(ServiceDefinition.MENTAL_HEALTH_AGENCY, "select count(*) from trajectory"))
                .isGreaterThanOrEqualTo(25);
        assertThat(services.rows(ServiceDefinition.MUNICIPALITY, "select distinct status from funding_application"))
                .contains("RECEIVED", "APPROVED");
        // two IPS teams, each with trajectories, and the funders know which team each application is of (ADR 0045)
        assertThat(services.rows(ServiceDefinition.MENTAL_HEALTH_AGENCY, "select distinct team from trajectory"))
                .containsExactlyInAnyOrder("IPS team Utrecht", "IPS team Zuid");
        assertThat(services.rows(ServiceDefinition.MUNICIPALITY, "select distinct team from funding_application_team"))
                .containsExactlyInAnyOrder("IPS team Utrecht", "IPS team Zuid");
        await(() -> services.count(ServiceDefinition.MUNICIPALITY, "select count(*) from payment_line where "
                + "type = 'PLACEMENT_BONUS'") >= 1 && services.count(ServiceDefinition.BENEFITS_AGENCY,
                "select count(*) from payment_line where type = 'JOB_COACHING'") >= 1
                && services.count(ServiceDefinition.INSURER, "select count(*) from payment_line") >= 10,
                "bonuses, coaching and intake lines were scheduled");
        assertThat(services.count(ServiceDefinition.MUNICIPALITY, "select count(*) from payment_line where "
                + "status = 'PAID' and type = 'START'")).as("the funders paid start lines").isGreaterThanOrEqualTo(1);
        assertThat(services.count(ServiceDefinition.BENEFITS_AGENCY, "select count(*) from payment_line where "
                + "status = 'PAID' and type = 'START'")).isGreaterThanOrEqualTo(1);
        assertThat(services.count(ServiceDefinition.MENTAL_HEALTH_AGENCY,
                "select count(*) from trajectory where closed_on is not null")).isGreaterThanOrEqualTo(3);
        assertThat(services.count(ServiceDefinition.MENTAL_HEALTH_AGENCY,
                "select count(*) from consent where end_reason = 'REVOKED'")).isEqualTo(1);
        await(() -> services.as(ServiceDefinition.AUDIT, "audit.auditor").get("/api/access-records/verification")
                .json().get("checked").asLong() > 100, "the trail holds the disclosures");
        assertThat(services.as(ServiceDefinition.AUDIT, "audit.auditor").get("/api/access-records/verification")
                .json().get("intact").asBoolean()).isTrue();

        // the decision makers' measures, de-identified, per quarter, from the status events every agency receives:
        // the demo lies in the quarters from fifteen months ago to the one after this (its payments fall due later)
        List<JsonNode> quarters = new ArrayList<>();
        await(() -> {
            quarters.clear();
            for (LocalDate day = FiveServices.today().minusMonths(15); day.isBefore(FiveServices.today()
                    .plusMonths(6)); day = day.plusMonths(3)) {
                quarters.add(services.as(ServiceDefinition.MUNICIPALITY, "municipality.adviser")
                        .get("/api/status/measures?quarter=" + day.getYear() + "-Q" + (day.getMonthValue() + 2) / 3)
                        .json());
            }
            return sum(quarters, "competitivePlacements") > 0 && quarters.stream().flatMap(quarter ->
                    StreamSupport.stream(quarter.get("funders").spliterator(), false))
                    .map(funder -> funder.get("funder").asText()).distinct().count() == 2;
        }, "the measures reflect the covenant");
        assertThat(sum(quarters, "referrals")).isGreaterThanOrEqualTo(25);
        assertThat(quarters).allMatch(quarter -> quarter.get("suppressed").isEmpty());
        JsonNode current = services.as(ServiceDefinition.MUNICIPALITY, "municipality.adviser")
                .get("/api/status/measures").json();
        assertThat(current.get("provisional").asBoolean()).isTrue();
        assertThat(current.get("participants").asLong()).isGreaterThan(current.get("inCompetitiveWork").asLong());
        assertThat(current.get("shareInCompetitiveWork").asDouble()).isBetween(0.0, 100.0);
        assertThat(quarters).anyMatch(quarter -> quarter.get("medianDaysToFirstEmployerContact").asDouble() > 0);
        boolean utrechtIsGood = false;
        for (JsonNode team : current.get("fidelity")) {
            utrechtIsGood |= team.get("team").asText().equals("IPS team Utrecht")
                    && team.get("band").asText().equals("GOOD");
        }
        assertThat(utrechtIsGood).as("the demo team's latest review is GOOD").isTrue();
        assertThat(current.get("caseloads").toString()).contains("mha.specialist", "ips.specialist.2");
        assertThat(quarters.toString()).doesNotContain("de Vries", "Nieuwegein", "Amersfoort", "gardener");

        // consents of different scopes: several recipient/category combinations, with and without health data
        List<String> scopes = services.rows(ServiceDefinition.MENTAL_HEALTH_AGENCY,
                "select distinct recipients || ' ' || categories from consent");
        assertThat(scopes).hasSizeGreaterThanOrEqualTo(3);
        assertThat(scopes).anyMatch(scope -> scope.contains("HEALTH_SUMMARY"))
                .anyMatch(scope -> !scope.contains("HEALTH_SUMMARY") && !scope.contains("DIAGNOSIS"));

        // a practitioner meeting is due, with cases on its agenda, at the mental health agency and at a funder
        for (var practitioner : Map.of(ServiceDefinition.MENTAL_HEALTH_AGENCY, "mha.specialist",
                ServiceDefinition.MUNICIPALITY, "municipality.case-manager").entrySet()) {
            JsonNode meeting = services.as(practitioner.getKey(), practitioner.getValue())
                    .get("/api/meetings/next").json();
            assertThat(LocalDate.parse(meeting.get("date").asText()))
                    .as(practitioner.getValue()).isAfterOrEqualTo(FiveServices.today());
            long cases = 0;
            for (JsonNode section : meeting.get("agenda")) {
                cases += section.get("cases").size();
            }
            assertThat(cases).as("cases on " + practitioner.getValue() + "'s agenda").isPositive();
        }

        // one set of minutes (ADR 49): both funders' decisions at the mental health agency, the specialist's at the
        // municipality (the benefits agency's participant did not consent to the municipality)
        await(() -> services.count(ServiceDefinition.MENTAL_HEALTH_AGENCY, "select count(*) from meeting_decision "
                + "where recorded_at in ('MUNICIPALITY', 'BENEFITS')") == 2 && services.count(
                ServiceDefinition.MUNICIPALITY, "select count(*) from meeting_decision where shared") == 1,
                "the minutes are shared");
        assertThat(services.count(ServiceDefinition.MUNICIPALITY, "select count(*) from meeting_decision where "
                + "kind = 'FUNDING_QUALIFICATION' and trajectory_id is not null")).isEqualTo(1);

        assertThat(demo.loadIfEmpty()).as("loaded once").isZero();
    }

    private static long sum(List<JsonNode> quarters, String count) {
        return quarters.stream().mapToLong(quarter -> quarter.get(count).asLong()).sum();
    }
}
