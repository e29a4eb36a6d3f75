package nl.ipsexchange.faulttests;

import static nl.ipsexchange.stack.ServiceDefinition.AUDIT;
import static nl.ipsexchange.stack.ServiceDefinition.BENEFITS_AGENCY;
import static nl.ipsexchange.stack.ServiceDefinition.MENTAL_HEALTH_AGENCY;
import static nl.ipsexchange.stack.ServiceDefinition.MUNICIPALITY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;

import nl.ipsexchange.faulttests.Projections.Difference;
import nl.ipsexchange.faulttests.Scenario.Case;
import nl.ipsexchange.faulttests.Scenario.Variant;
import nl.ipsexchange.kernel.fidelity.FidelityItem;
import nl.ipsexchange.testsupport.ApiClient;

/**
 * Issue 7: under a steady load of scripted trajectories, the mental health agency (the sender), the municipality and
 * the audit service (receivers) are killed abruptly and restarted, the Kafka broker is stopped and restarted (once
 * with the sender killed meanwhile), and PostgreSQL is restarted. Then: every accepted command's effects reached every
 * consented recipient, no payment line exists twice, no access record is missing, and every trajectory's projections
 * in all five services equal those of the same script run without faults. The figures are printed at the end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultSuiteTest {

    private static final Logger log = LoggerFactory.getLogger(FaultSuiteTest.class);

    private static final int PARALLEL_CASES = 6;

    private FaultStack stack;

    @AfterAll
    void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void everyAcceptedCommandReachesEveryConsentedRecipientOnceThroughKillsAndRestarts() throws Exception {
        long begun = System.nanoTime();
        stack = FaultStack.start(Set.of(MENTAL_HEALTH_AGENCY, MUNICIPALITY, AUDIT));
        log.info("platform up in {} s: own PostgreSQL and Kafka; mental-health-agency, municipality and audit as "
                + "child JVMs, benefits-agency and insurer in the test JVM", seconds(begun));
        Progress progress = new Progress(stack);
        Projections projections = new Projections(stack);
        Scenario scenario = new Scenario(stack, progress, 300_000_000);
        recordFairFidelityReview();

        // 1. the same scripts without faults: what every trajectory of a variant must leave in the projections
        long referenceStarted = System.nanoTime();
        Figures referenceFigures = new Figures();
        List<Case> references = new ArrayList<>();
        for (Variant variant : Variant.values()) {
            references.add(scenario.newCase(variant.ordinal(), variant));
        }
        new LoadDriver(scenario, referenceFigures, references.size(), 0).runToEnd(references, Duration.ofMinutes(2));
        if (!poll(progress::settled, Duration.ofMinutes(2))) {
            throw new AssertionError("the fault-free run did not settle within 2 minutes: " + progress.unsettled());
        }
        Map<Variant, SortedMap<String, Integer>> expected = new LinkedHashMap<>();
        references.forEach(c -> expected.put(c.variant, projections.of(c)));
        assertReference(expected);
        log.info("fault-free run: {} trajectories, {} commands, settled in {} s", references.size(),
                referenceFigures.accepted.get(), seconds(referenceStarted));

        // 2. the load, and the faults meanwhile
        long loadStarted = System.nanoTime();
        Figures figures = new Figures();
        FaultInjector injector = new FaultInjector(stack, progress, figures, Duration.ofSeconds(5));
        LoadDriver load = new LoadDriver(scenario, figures, PARALLEL_CASES, references.size());
        Thread faults = new Thread(injector, "fault-injector");
        faults.setDaemon(true);
        faults.start();
        load.run(() -> !injector.finished(), Duration.ofSeconds(90));
        faults.join();
        long loadSeconds = seconds(loadStarted);
        assertThat(injector.failure()).as("every service recovers by itself from every fault").isNull();
        log.info("load done: {} trajectories, {} commands accepted, {} refused, in {} s", load.cases().size(),
                figures.accepted.get(), figures.refused.get(), loadSeconds);

        // 3. once everything has caught up: every trajectory's projections equal the fault-free run's
        long settleStarted = System.nanoTime();
        Map<Case, Difference> differences = new LinkedHashMap<>();
        boolean equal = poll(() -> {
            if (!progress.settled()) {
                return false;
            }
            differences.clear();
            for (Case c : load.cases()) {
                differences.put(c, Projections.compare(expected.get(c.variant), projections.of(c)));
            }
            return differences.values().stream().allMatch(Difference::none);
        }, Duration.ofMinutes(2));
        long settleSeconds = seconds(settleStarted);
        if (!equal) {
            String unsettled = progress.unsettled();
            log.warn(unsettled.isEmpty() ? "settled, but projections differ from the fault-free run"
                    : "not settled: " + unsettled);
        }
        DeliveryLedger.Result ledger = new DeliveryLedger(stack).check();

        long facts = load.cases().stream().mapToLong(c -> expected.get(c.variant).values().stream()
                .mapToLong(Integer::longValue).sum()).sum();
        long lostFacts = differences.values().stream().mapToLong(Difference::lost).sum();
        long doubledFacts = differences.values().stream().mapToLong(Difference::doubled).sum();
        long otherFacts = differences.values().stream().mapToLong(Difference::other).sum();
        long lost = lostFacts + ledger.lost();
        long doubled = doubledFacts + ledger.doubled();
        long unfinished = load.cases().stream().filter(c -> !c.finished()).count();
        System.out.println(figures(figures, referenceFigures, load.cases().size(), unfinished, references.size(),
                loadSeconds, settleSeconds, facts, lostFacts, doubledFacts, otherFacts, ledger, lost, doubled, seconds(begun)));

        List<String> problems = new ArrayList<>();
        load.cases().stream().filter(c -> !c.finished()).forEach(c -> problems.add(c + " never finished: "
                + "it waits for an effect of an earlier step at another service"));
        differences.forEach((c, difference) -> {
            if (!difference.none()) {
                problems.add(c + ": missing " + difference.missing() + ", doubled " + difference.extra()
                        + ", not in the fault-free run " + difference.unexpected());
            }
        });
        assertThat(equal && problems.isEmpty()).as("every trajectory's projections equal the fault-free run's "
                + "(within 2 minutes of the load's end):\n" + String.join("\n", problems)).isTrue();
        assertThat(ledger.missingDeliveries).as("every message handled by every service that reads it").isEmpty();
        assertThat(ledger.accessRecordProblems).as("every access record in the trail, once").isEmpty();
        assertThat(ledger.duplicatePaymentLines).as("no payment line twice").isEmpty();
        assertThat(ledger.statusCountProblems).as("the status counts per day add up to the status events").isEmpty();
        assertThat(ledger.deadLetters).as("nothing on the dead-letter topic").isZero();
        assertThat(ledger.trailIntact).as("the audit trail verifies: " + ledger.trailVerification).isTrue();
        assertThat(lost).isZero();
        assertThat(doubled).isZero();
        assertThat(figures.faults.get(FaultInjector.KILL).get()).isGreaterThanOrEqualTo(4);
    }

    /** The fault-free run is not only the yardstick: it is also right, by the covenant's rules. */
    private static void assertReference(Map<Variant, SortedMap<String, Integer>> expected) {
        assertThat(expected.get(Variant.MUNICIPAL_PLACEMENT)).containsKeys(
                "municipality: payment line START 900.00 due " + Scenario.START + " DUE",
                "municipality: payment line THREE_MONTHS 900.00 due " + Scenario.START.plusMonths(3) + " DUE",
                "municipality: payment line PLACEMENT_BONUS 1800.00 due " + Scenario.JOB_START.plusMonths(1) + " DUE",
                "municipality: payment line FINAL 900.00 due " + Scenario.START.plusMonths(18) + " SCHEDULED",
                "insurer: payment line INTAKE 142.50 due " + Scenario.REFERRED.plusDays(1) + " DUE hours=1.50",
                "insurer: payment line INTAKE 190.00 due " + Scenario.REFERRED.plusDays(2) + " DUE hours=2.00");
        assertThat(expected.get(Variant.DISABILITY_COACHING)).containsKeys(
                "benefits-agency: payment line START 2420.00 due " + Scenario.START + " DUE",
                "benefits-agency: payment line JOB_COACHING 125.00 due " + Scenario.JOB_START.plusDays(14) + " DUE",
                "benefits-agency: payment line PLACEMENT_BONUS 1210.00 due " + Scenario.JOB_START.plusMonths(2)
                        + " DUE",
                "benefits-agency: payment line FINAL 2420.00 due " + Scenario.START.plusMonths(36) + " SCHEDULED");
        assertThat(expected.get(Variant.MUNICIPAL_CLOSED)).containsKeys(
                "municipality: payment line THREE_MONTHS 900.00 due " + Scenario.START.plusMonths(3) + " CANCELLED",
                "municipality: payment line FINAL 900.00 due " + Scenario.CLOSED + " DUE");
        assertThat(expected.get(Variant.NO_FUNDER_NO_CONSENT).keySet())
                .noneMatch(fact -> fact.contains("payment line") || fact.contains("consent replica"));
        for (SortedMap<String, Integer> facts : expected.values()) {
            for (String service : List.of("mental-health-agency", "benefits-agency", "municipality", "insurer",
                    "audit")) {
                assertThat(facts).as("every agency's decision makers see the registration")
                        .containsEntry(service + ": status from MENTAL_HEALTH ClientRegistered", 1);
            }
        }
        for (Variant variant : List.of(Variant.DISABILITY_COACHING, Variant.NO_FUNDER_NO_CONSENT)) {
            assertThat(expected.get(variant)).as("the clinician's health read is in the audit trail once")
                    .containsEntry("audit: access MENTAL_HEALTH mha.clinician CLINICIAN VIEW HEALTH_SUMMARY for JOB_SUPPORT "
                            + "consent=false PERMITTED (own client record) from MENTAL_HEALTH", 1);
        }
    }

    private void recordFairFidelityReview() throws Exception {
        Map<String, Object> items = new LinkedHashMap<>();
        for (FidelityItem item : FidelityItem.values()) {
            items.put(item.name(), 3);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("team", "IPS team Utrecht");
        body.put("reviewDate", Scenario.TODAY.minusMonths(6).toString());
        body.put("reviewer", "R. Bakker");
        body.put("reviewerOrganisation", "Kenniscentrum IPS");
        body.put("trainingOrganisation", "Trimbos");
        body.put("items", items);
        ApiClient.Response response = stack.as(MENTAL_HEALTH_AGENCY, "mha.reviewer")
                .post("/api/fidelity-reviews", new ObjectMapper().writeValueAsString(body));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        await(() -> stack.count(MUNICIPALITY, "select count(*) from fidelity_register where band = 'FAIR'") == 1
                        && stack.count(BENEFITS_AGENCY, "select count(*) from fidelity_register where band = 'FAIR'") == 1,
                Duration.ofMinutes(1), "both funders know the FAIR fidelity review");
    }

    private static String figures(Figures f, Figures reference, int cases, long unfinished, int referenceCases,
                                  long loadSeconds,
                                  long settleSeconds, long facts, long lostFacts, long doubledFacts, long otherFacts,
                                  DeliveryLedger.Result ledger, long lost, long doubled, long totalSeconds) {
        String kills = f.faults.entrySet().stream().filter(e -> e.getKey().startsWith(FaultInjector.KILL + ": "))
                .map(e -> e.getKey().substring(FaultInjector.KILL.length() + 2) + " " + e.getValue().get())
                .sorted().collect(Collectors.joining(", "));
        StringBuilder out = new StringBuilder();
        out.append("\n================ IPS Exchange fault suite (issue 7): figures ================\n");
        out.append(String.format(Locale.ROOT, "load          %d scripted trajectories under faults (4 variants), "
                + "%d going at a time, %d s; %d did not finish%n", cases, PARALLEL_CASES, loadSeconds,
                unfinished));
        out.append(String.format(Locale.ROOT, "commands      tried %d, accepted %d, refused %d (%s)%n",
                f.tried.get(), f.accepted.get(), f.refused.get(),
                Figures.describe(withPrefix(f.refusedBy, false))));
        out.append(String.format(Locale.ROOT, "              answer lost but effect found (not sent again): %d%n",
                f.answerLostButDone.get()));
        out.append(String.format(Locale.ROOT, "health reads  tried %d, answered %d (%s)%n", f.readsTried.get(),
                f.readsAnswered.get(), Figures.describe(withPrefix(f.refusedBy, true))));
        out.append(String.format(Locale.ROOT, "faults        %d: %s %d (%s); %s %d; %s %d%n",
                count(f, FaultInjector.KILL) + count(f, FaultInjector.KAFKA) + count(f, FaultInjector.POSTGRES),
                FaultInjector.KILL, count(f, FaultInjector.KILL), kills, FaultInjector.KAFKA,
                count(f, FaultInjector.KAFKA), FaultInjector.POSTGRES, count(f, FaultInjector.POSTGRES)));
        out.append(String.format(Locale.ROOT, "              outbox of the sender at its kills: %s events committed, "
                + "not yet published%n", f.outboxAtKills));
        out.append(String.format(Locale.ROOT, "fault-free    %d trajectories, %d commands (the yardstick)%n",
                referenceCases, reference.accepted.get()));
        out.append(String.format(Locale.ROOT, "checked       %d projection facts in 5 services against the fault-free "
                + "run: %d missing, %d doubled, %d not in that run (settled %d s after the load)%n", facts, lostFacts,
                doubledFacts, otherFacts, settleSeconds));
        out.append(String.format(Locale.ROOT, "              Kafka: %d messages, %d distinct event ids (%d sent twice by a "
                        + "relay); %d deliveries to the readers of their topics checked, %d missing; %d dead letters%n",
                ledger.messages, ledger.distinctMessages, ledger.messages - ledger.distinctMessages,
                ledger.deliveriesChecked, ledger.deliveriesMissing, ledger.deadLetters));
        out.append(String.format(Locale.ROOT, "              redeliveries recognised by event id and skipped: %d (since "
                + "each service's last start)%n", ledger.redeliveriesSkipped));
        out.append(String.format(Locale.ROOT, "              access records: %d written by the services, %d in the "
                        + "audit trail, %d missing, %d extra; trail intact: %s%n", ledger.accessRecordsAtSources,
                ledger.accessRecordsInTrail, ledger.accessRecordsMissing, ledger.accessRecordsExtra,
                ledger.trailIntact));
        out.append(String.format(Locale.ROOT, "              payment lines: %d, twice by business key: %d%n",
                ledger.paymentLines, ledger.paymentLinesTwice));
        out.append(String.format(Locale.ROOT, "LOST %d   DOUBLED %d   (other differences from the fault-free run: %d; "
                + "whole suite %d s)%n", lost, doubled, otherFacts, totalSeconds));
        out.append("==============================================================================\n");
        return out.toString();
    }

    private static Map<String, AtomicLong> withPrefix(
            Map<String, AtomicLong> refused, boolean reads) {
        Map<String, AtomicLong> selected = new LinkedHashMap<>();
        refused.forEach((reason, count) -> {
            if (reason.startsWith("read: ") == reads) {
                selected.put(reads ? reason.substring(6) : reason, count);
            }
        });
        return selected;
    }

    private static long count(Figures f, String kind) {
        return f.faults.getOrDefault(kind, new AtomicLong()).get();
    }

    private static void await(BooleanSupplier condition, Duration timeout, String what) {
        if (!poll(condition, timeout)) {
            throw new AssertionError("timed out after " + timeout + " waiting until " + what);
        }
    }

    /** Polls until the condition holds (a database or broker still restarting counts as "not yet"). */
    private static boolean poll(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return true;
                }
            } catch (FaultStack.DatabaseUnavailableException e) {
                // not yet
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            FaultStack.sleep(1000);
        }
    }

    private static long seconds(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos).toSeconds();
    }
}
