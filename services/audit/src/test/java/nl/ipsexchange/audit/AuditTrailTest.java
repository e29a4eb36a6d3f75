package nl.ipsexchange.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.databind.JsonNode;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;

import nl.ipsexchange.audit.query.AccessRecordChain;
import nl.ipsexchange.audit.query.AccessRecordProjection;
import nl.ipsexchange.audit.query.TrailVerifications;
import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.Topics;
import nl.ipsexchange.kernel.audit.AccessAction;
import nl.ipsexchange.kernel.audit.AccessOutcome;
import nl.ipsexchange.kernel.audit.AccessRecordedEvent;
import nl.ipsexchange.kernel.messaging.EnvelopeCodec;
import nl.ipsexchange.kernel.messaging.sealing.AuditSealing;
import nl.ipsexchange.kernel.messaging.sealing.KeyExchange;
import nl.ipsexchange.platform.audit.AuditSealingKeys;
import nl.ipsexchange.platform.messaging.InboundMessageProcessor;
import nl.ipsexchange.platform.messaging.ParkedMessages;
import nl.ipsexchange.platform.messaging.signing.DemoSigningKeys;
import nl.ipsexchange.platform.messaging.signing.MessageSignature;
import nl.ipsexchange.platform.messaging.signing.MessageSigner;
import nl.ipsexchange.testsupport.ApiClient;
import nl.ipsexchange.testsupport.Await;

/** The audit trail on a real PostgreSQL: tamper evidence, anomalies, and the FHIR export validated by HAPI. */
@AuditServiceTest
class AuditTrailTest {

    @LocalServerPort
    int port;

    @Autowired
    AccessRecordChain chain;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    TrailVerifications verifications;

    @Autowired
    TrailVerifications.Witnessed witnessed;

    @Autowired
    InboundMessageProcessor inbound;

    @Autowired
    ParkedMessages parked;

    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final List<AccessRecordedEvent> appended = new ArrayList<>();
    private static final String CLIENT = "0b8d8f7e-4a55-4f4e-9d0b-9f7d7c3f2a11";
    private static final UUID CONSENT = UUID.fromString("7b0c3f59-8e3e-4a0e-9d43-0f8f3c1b2a10");

    @BeforeEach
    void aTrailOfSixRecordsFromTwoAgencies() {
        FreshTrail.start(jdbc, witnessed);
        Instant t = Instant.parse("2026-03-01T09:00:00Z");
        append("BENEFITS", t, "benefits.physician", "INSURANCE_PHYSICIAN", AccessAction.VIEW, AccessOutcome.PERMITTED,
                CONSENT, null);
        append("BENEFITS", t.plusSeconds(60), "benefits.labour-expert", "LABOUR_EXPERT", AccessAction.VIEW,
                AccessOutcome.DENIED, null, "role LABOUR_EXPERT has no need to know HEALTH_SUMMARY");
        append("MENTAL_HEALTH", t.plusSeconds(90), "system", null, AccessAction.DISCLOSE, AccessOutcome.PERMITTED,
                CONSENT, "sent to BENEFITS");
        append("BENEFITS", t.plusSeconds(120), "system", null, AccessAction.RECEIVE, AccessOutcome.PERMITTED, CONSENT,
                "received from MENTAL_HEALTH");
        append("BENEFITS", t.plusSeconds(180), "system", null, AccessAction.ERASE, AccessOutcome.PERMITTED, CONSENT,
                "consent revoked: received data erased");
        append("BENEFITS", t.plusSeconds(240), "benefits.physician", "INSURANCE_PHYSICIAN", AccessAction.VIEW,
                AccessOutcome.DENIED, null, "no active consent covers this agency for FUNDING_DECISION");
    }

    private void append(String agency, Instant time, String user, String role, AccessAction action,
                        AccessOutcome outcome, UUID consent, String reason) {
        append(CLIENT, agency, time, user, role, action, outcome, consent, reason);
    }

    private void append(String client, String agency, Instant time, String user, String role, AccessAction action,
                        AccessOutcome outcome, UUID consent, String reason) {
        AccessRecordedEvent record = new AccessRecordedEvent(UUID.randomUUID(), time, agency, user, role, client,
                Set.of(DataCategory.HEALTH_SUMMARY), action, Purpose.FUNDING_DECISION,
                consent == null ? List.of() : List.of(consent), outcome, reason);
        transactions.executeWithoutResult(status -> chain.append(record, agency, UUID.randomUUID()));
        appended.add(record);
    }

    private JsonNode verification() {
        ApiClient.Response response = auditor().get("/api/access-records/verification");
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }

    private ApiClient auditor() {
        return ApiClient.as("http://localhost:" + port, "audit.auditor");
    }

    @Test
    void anUntouchedTrailIsIntactAndARedeliveredRecordIsKeptOnce() {
        transactions.executeWithoutResult(status -> chain.append(appended.get(0), "BENEFITS", UUID.randomUUID()));
        JsonNode report = verification();
        assertThat(report.get("intact").asBoolean()).isTrue();
        assertThat(report.get("checked").asLong()).isEqualTo(6);
        assertThat(report.has("firstBrokenRecordId")).as("always there, as http-api.md names it").isTrue();
        assertThat(report.get("firstBrokenRecordId").isNull()).isTrue();
    }

    @Test
    void changingARecordIsDetectedAndThatRecordNamed() {
        UUID changed = appended.get(1).recordId();
        jdbc.update("update access_record set outcome = 'PERMITTED' where record_id = ?", changed);

        JsonNode report = verification();
        assertThat(report.get("intact").asBoolean()).isFalse();
        assertThat(report.get("firstBrokenRecordId").asText()).isEqualTo(changed.toString());
    }

    @Test
    void deletingARecordIsDetectedAndThatRecordNamed() {
        UUID deleted = appended.get(3).recordId();
        jdbc.update("delete from access_record where record_id = ?", deleted);

        JsonNode report = verification();
        assertThat(report.get("intact").asBoolean()).isFalse();
        assertThat(report.get("firstBrokenRecordId").asText()).isEqualTo(deleted.toString());
    }

    @Test
    void deletingTheNewestRecordIsDetectedToo() {
        UUID newest = appended.get(5).recordId();
        jdbc.update("delete from access_record where record_id = ?", newest);

        assertThat(verification().get("firstBrokenRecordId").asText()).isEqualTo(newest.toString());
    }

    @Test
    void reorderingTwoRecordsIsDetectedAndTheMovedRecordNamed() {
        UUID first = appended.get(0).recordId();
        UUID second = appended.get(1).recordId();
        jdbc.update("update access_record set chain_position = -1 where record_id = ?", first);
        jdbc.update("update access_record set chain_position = 1 where record_id = ?", second);
        jdbc.update("update access_record set chain_position = 2 where record_id = ?", first);

        JsonNode report = verification();
        assertThat(report.get("intact").asBoolean()).isFalse();
        assertThat(report.get("firstBrokenRecordId").asText()).isEqualTo(second.toString());
    }

    @Test
    void theAnomaliesAreReadsWithoutConsentAndReadsAfterARevocation() {
        List<String> withoutConsent = ids(auditor().get("/api/access-records/anomalies?type=WITHOUT_CONSENT").json());
        assertThat(withoutConsent).containsExactly(appended.get(5).recordId().toString());
        List<String> afterRevocation = ids(auditor().get("/api/access-records/anomalies?type=AFTER_REVOCATION")
                .json());
        assertThat(afterRevocation).containsExactly(appended.get(5).recordId().toString());
        assertThat(auditor().get("/api/access-records/anomalies?type=SOMETHING").status()).isEqualTo(400);
    }

    @Test
    void aReadAfterARevocationIsOneUnderTheErasedConsentOrNoneAtThatAgencyAndListedOnce() {
        String other = "5d3c1e1a-2b2f-4c8e-8f1e-3a9b6f0c7d21";
        UUID first = UUID.fromString("11111111-8e3e-4a0e-9d43-0f8f3c1b2a10");
        UUID second = UUID.fromString("22222222-8e3e-4a0e-9d43-0f8f3c1b2a10");
        Instant t = Instant.parse("2026-04-01T09:00:00Z");
        append(other, "INSURER", t, "system", null, AccessAction.ERASE, AccessOutcome.PERMITTED, first, "erased");
        append(other, "INSURER", t.plusSeconds(10), "system", null, AccessAction.ERASE, AccessOutcome.PERMITTED,
                second, "erased");
        append(other, "INSURER", t.minusSeconds(10), "insurer.adviser", "CARE_ADVISER", AccessAction.VIEW,
                AccessOutcome.PERMITTED, first, null); // before the erasure: no anomaly
        append(other, "INSURER", t.plusSeconds(20), "insurer.adviser", "CARE_ADVISER", AccessAction.VIEW,
                AccessOutcome.DENIED, null, "no active consent"); // after both erasures: listed once
        append(other, "INSURER", t.plusSeconds(30), "insurer.adviser", "CARE_ADVISER", AccessAction.VIEW,
                AccessOutcome.PERMITTED, UUID.randomUUID(), null); // under a later, other consent: no anomaly
        append(other, "BENEFITS", t.plusSeconds(40), "benefits.physician", "INSURANCE_PHYSICIAN", AccessAction.VIEW,
                AccessOutcome.PERMITTED, first, null); // at an agency that erased nothing: no anomaly
        append(other, "INSURER", t.plusSeconds(50), "insurer.adviser", "CARE_ADVISER", AccessAction.VIEW,
                AccessOutcome.PERMITTED, second, null); // under the erased consent: an anomaly

        assertThat(ids(auditor().get("/api/access-records/anomalies?type=AFTER_REVOCATION").json())).containsExactly(
                appended.get(12).recordId().toString(), appended.get(9).recordId().toString(),
                appended.get(5).recordId().toString());
        assertThat(ids(auditor().get("/api/access-records/anomalies?type=AFTER_REVOCATION&limit=1").json()))
                .containsExactly(appended.get(12).recordId().toString());
    }

    @Test
    void theAnomalyQueriesUseTheirIndexesInsteadOfReadingTheWholeTrail() {
        jdbc.execute("analyze access_record");
        jdbc.execute("set enable_seqscan = off"); // a table this small would be read whole either way
        try {
            assertThat(plan("WITHOUT_CONSENT")).contains("access_record_without_consent_idx");
            assertThat(plan("AFTER_REVOCATION")).contains("access_record_erase_idx");
        } finally {
            jdbc.execute("reset enable_seqscan");
        }
    }

    private String plan(String anomaly) {
        return String.join("\n", jdbc.queryForList("explain " + AccessRecordProjection.anomalyQuery(
                AccessRecordProjection.Anomaly.valueOf(anomaly)), String.class, 500));
    }

    @Test
    void everyVerificationIsKeptWithWhoAskedAndWhatItFound() {
        assertThat(verifications.latest()).isEmpty();
        assertThat(verifications.recordsInTrail()).isEqualTo(6);
        verification();
        TrailVerifications.StoredVerification intact = verifications.latest().orElseThrow();
        assertThat(intact.trigger()).isEqualTo(TrailVerifications.Trigger.API);
        assertThat(intact.requestedBy()).isEqualTo("audit.auditor");
        assertThat(intact.intact()).isTrue();
        assertThat(intact.checked()).isEqualTo(6);
        assertThat(intact.finishedAt()).isAfterOrEqualTo(intact.startedAt());

        UUID changed = appended.get(2).recordId();
        jdbc.update("update access_record set reason = 'sent elsewhere' where record_id = ?", changed);
        verification();
        TrailVerifications.StoredVerification broken = verifications.latest().orElseThrow();
        assertThat(broken.intact()).isFalse();
        assertThat(broken.firstBrokenRecordId()).isEqualTo(changed);
        assertThat(broken.brokenAgency()).isEqualTo("MENTAL_HEALTH");
        assertThat(broken.reason()).isEqualTo("the content of the record at position 1 does not match its hash "
                + "(edited)");
        assertThat(broken.problems()).containsExactly("MENTAL_HEALTH: " + broken.reason() + " (record " + changed
                + ")");
        assertThat(broken.checkpoint()).startsWith("compared with the signed checkpoint of ");
    }

    @Test
    void anAuditorsVerificationRunsInTheBackgroundOneAtATime() throws Exception {
        try (Connection blocker = jdbc.getDataSource().getConnection()) {
            // hold the verification at its first read until the second request has been made
            blocker.setAutoCommit(false);
            blocker.createStatement().execute("lock table access_chain_head in access exclusive mode");
            assertThat(verifications.request("audit.auditor")).isTrue();
            assertThat(verifications.runningSince()).isPresent();
            assertThat(verifications.request("audit.auditor")).as("one is running already").isFalse();
            blocker.rollback();
        }
        Await.until(() -> verifications.latest().isPresent(), Duration.ofSeconds(30),
                "the first verification is kept");
        TrailVerifications.StoredVerification done = verifications.latest().orElseThrow();
        assertThat(done.trigger()).isEqualTo(TrailVerifications.Trigger.AUDITOR);
        assertThat(done.requestedBy()).isEqualTo("audit.auditor");
        assertThat(done.checked()).isEqualTo(6);
        assertThat(jdbc.queryForObject("select count(*) from trail_verification", Long.class)).isEqualTo(1);
        Await.until(() -> verifications.runningSince().isEmpty(), Duration.ofSeconds(30),
                "the first verification has ended");
        assertThat(verifications.request("audit.auditor")).as("the next may run").isTrue();
        // and it ends here, not in the next test (which empties the verifications first)
        Await.until(() -> verifications.runningSince().isEmpty()
                        && jdbc.queryForObject("select count(*) from trail_verification", Long.class) == 2,
                Duration.ofSeconds(30), "the second verification is kept");
    }

    @Test
    void theScheduleVerifiesTheWholeTrailOverAndOver() throws Exception {
        TrailVerifications scheduled = new TrailVerifications(witnessed, jdbc, Clock.systemUTC(),
                new TrailVerifications.Schedule(Duration.ofMillis(100), Duration.ZERO, Duration.ZERO));
        scheduled.start();
        try {
            Await.until(() -> jdbc.queryForObject(
                            "select count(*) from trail_verification where trigger = 'SCHEDULE'", Long.class) >= 2,
                    Duration.ofSeconds(30), "two scheduled verifications are kept");
        } finally {
            scheduled.stop();
        }
        TrailVerifications.StoredVerification latest = verifications.latest().orElseThrow();
        assertThat(latest.trigger()).isEqualTo(TrailVerifications.Trigger.SCHEDULE);
        assertThat(latest.requestedBy()).isEqualTo("system");
        assertThat(latest.intact()).isTrue();
        assertThat(jdbc.queryForObject("select count(*) from trail_verification", Long.class)).isGreaterThan(1);
        assertThat(scheduled.isRunning()).isFalse();
    }

    @Test
    void theTrailQueriesFilterByClientUserAgencyAndPeriodNewestFirst() {
        JsonNode physician = auditor().get("/api/access-records?clientId=" + CLIENT + "&userId=benefits.physician")
                .json();
        assertThat(ids(physician)).containsExactly(appended.get(5).recordId().toString(),
                appended.get(0).recordId().toString());
        assertThat(physician.get(0).get("role").asText()).isEqualTo("INSURANCE_PHYSICIAN");
        assertThat(ids(auditor().get("/api/access-records?agency=MENTAL_HEALTH").json()))
                .containsExactly(appended.get(2).recordId().toString());
        assertThat(auditor().get("/api/access-records?from=2026-03-02").json()).isEmpty();
        assertThat(auditor().get("/api/access-records?from=2026-03-02&to=2026-03-01").status()).isEqualTo(400);
        assertThat(ApiClient.anonymous("http://localhost:" + port).get("/api/access-records").status())
                .isEqualTo(401);
    }

    /**
     * Page after page ({@code after}: the last record of the page before), every record exactly once and in the
     * order of the whole list, records of one instant included, with the filters kept (ADR 27).
     */
    @Test
    void pagesAfterARecordReachEveryRecordOnceInOrderAndKeepTheFilters() {
        Instant sameInstant = Instant.parse("2026-03-01T09:02:00Z");   // the fourth record's own time, too
        for (int i = 0; i < 5; i++) {
            append("INSURER", sameInstant, "insurer.adviser", "CARE_ADVISER", AccessAction.VIEW,
                    AccessOutcome.PERMITTED, null, null);
        }
        List<String> whole = ids(auditor().get("/api/access-records").json());
        assertThat(whole).hasSize(11);

        for (int size = 1; size <= 4; size++) {
            assertThat(pages("/api/access-records?limit=" + size)).isEqualTo(whole);
        }
        List<String> insurer = ids(auditor().get("/api/access-records?agency=INSURER").json());
        assertThat(insurer).hasSize(5);
        assertThat(pages("/api/access-records?agency=INSURER&limit=2")).isEqualTo(insurer);
        List<String> anomalies = ids(auditor().get("/api/access-records/anomalies?type=WITHOUT_CONSENT").json());
        assertThat(anomalies).hasSize(6);
        assertThat(pages("/api/access-records/anomalies?type=WITHOUT_CONSENT&limit=4")).isEqualTo(anomalies);
    }

    @Test
    void aPageAfterARecordTheTrailDoesNotHaveIsA400NamingTheParameter() {
        for (String path : List.of("/api/access-records?after=" + UUID.randomUUID(),
                "/api/access-records/anomalies?type=WITHOUT_CONSENT&after=" + UUID.randomUUID(),
                "/api/access-records?after=not-a-record")) {
            ApiClient.Response response = auditor().get(path);
            assertThat(response.status()).as(path).isEqualTo(400);
            assertThat(response.json().get("detail").asText()).as(path).startsWith("after");
        }
    }

    /** Every page of a list, each after the last record of the one before, until a page is not full. */
    private List<String> pages(String first) {
        int size = Integer.parseInt(first.replaceAll(".*limit=(\\d+).*", "$1"));
        List<String> all = new ArrayList<>();
        List<String> page = ids(auditor().get(first).json());
        for (int pages = 0; ; pages++) {
            assertThat(pages).as("pages of " + first).isLessThan(20);
            all.addAll(page);
            if (page.size() < size) {
                return all;
            }
            page = ids(auditor().get(first + "&after=" + page.get(page.size() - 1)).json());
        }
    }

    @Test
    void theFhirExportIsABundleOfAuditEventsThatHapiValidatesAgainstR4() {
        ApiClient.Response response = auditor().get("/fhir/AuditEvent?patient=" + CLIENT, "application/fhir+json");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/fhir+json");

        FhirContext fhir = FhirContext.forR4Cached();
        Bundle bundle = fhir.newJsonParser().parseResource(Bundle.class, response.body());
        assertThat(bundle.getEntry()).hasSize(6);
        AuditEvent read = (AuditEvent) bundle.getEntry().stream()
                .filter(e -> e.getFullUrl().endsWith(appended.get(0).recordId().toString()))
                .findFirst().orElseThrow().getResource();
        assertThat(read.getType().getCode()).isEqualTo("rest");
        assertThat(read.getSubtypeFirstRep().getCode()).isEqualTo("read");
        assertThat(read.getAction()).isEqualTo(AuditEvent.AuditEventAction.R);
        assertThat(read.getAgentFirstRep().getPurposeOfUseFirstRep().getCodingFirstRep().getCode())
                .isEqualTo("FUNDING_DECISION");
        assertThat(read.getEntityFirstRep().getWhat().getReference()).isEqualTo("Patient/" + CLIENT);
        assertThat(bundle.getEntry()).extracting(e -> ((AuditEvent) e.getResource()).getType().getCode())
                .contains("110106", "110107");
        // the patient as a FHIR reference ("Patient/{id}", the form the bundle itself uses) finds the same trail
        Bundle byReference = fhir.newJsonParser().parseResource(Bundle.class, auditor().get(
                "/fhir/AuditEvent?patient=Patient/" + CLIENT, "application/fhir+json").body());
        assertThat(byReference.getEntry()).extracting(Bundle.BundleEntryComponent::getFullUrl)
                .contains(bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getFullUrl).toArray(String[]::new));

        // BALP profiles by pattern: the permitted read, disclosure, receipt and erasure; none for the refusals
        assertThat(read.getMeta().getProfile()).extracting(p -> p.getValue())
                .containsExactly("https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit.PatientRead");
        assertThat(profileOf(bundle, appended.get(2))).containsExactly(
                "https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit.PrivacyDisclosure.Source");
        assertThat(profileOf(bundle, appended.get(3))).containsExactly(
                "https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit.PrivacyDisclosure.Recipient");
        assertThat(profileOf(bundle, appended.get(4))).containsExactly(
                "https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit.PatientDelete");
        assertThat(profileOf(bundle, appended.get(1))).as("a refused read claims no BALP profile").isEmpty();
        assertThat(profileOf(bundle, appended.get(5))).as("a refused read claims no BALP profile").isEmpty();

        FhirValidator validator = fhir.newValidator();
        FhirInstanceValidator base = new FhirInstanceValidator(new ValidationSupportChain(
                new DefaultProfileValidationSupport(fhir), new InMemoryTerminologyServerValidationSupport(fhir),
                new CommonCodeSystemsTerminologyService(fhir)));
        // against base R4: the claimed BALP profiles are not available offline, so they are reported, not errors
        base.setErrorForUnknownProfiles(false);
        validator.registerValidatorModule(base);
        ValidationResult result = validator.validateWithResult(response.body());
        List<SingleValidationMessage> errors = result.getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .toList();
        assertThat(errors).as(errors.toString()).isEmpty();
    }

    @Test
    void theClientsOwnAccessReportListsEveryRecordInPlainWordsAndPrints() {
        JsonNode report = auditor().get("/api/clients/" + CLIENT + "/access-report").json();
        assertThat(report.get("records").asInt()).isEqualTo(6);
        assertThat(report.get("byAgency").get("BENEFITS").asInt()).isEqualTo(5);
        assertThat(report.get("lines").get(0).get("what").asText()).isEqualTo("looked at your information");
        assertThat(report.get("lines").get(0).get("who").asText())
                .isEqualTo("benefits.physician (insurance physician)");

        ApiClient.Response page = auditor().get("/api/clients/" + CLIENT + "/access-report", "text/html");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("<h1>Who saw your information</h1>", "@media print",
                "erased your information after your consent ended", "refused: no active consent");
        ApiClient.Response notAClient = ApiClient.as("http://localhost:" + port, "audit.auditor")
                .get("/api/clients/%3Cscript%3E/access-report", "text/html");
        assertThat(notAClient.status()).as("a client id is a UUID").isEqualTo(400);
        assertThat(notAClient.isProblem()).isTrue();
        assertThat(notAClient.body()).doesNotContain("<script>");
    }

    @Test
    void everyExportOfAClientsTrailLeavesAnExportRecordInTheEventStoreAndTheTrail() {
        long stored = storedAccessRecords();

        assertThat(auditor().get("/fhir/AuditEvent?patient=" + CLIENT, "application/fhir+json").status())
                .isEqualTo(200);
        JsonNode exports = auditor().get("/api/access-records?clientId=" + CLIENT + "&userId=audit.auditor").json();
        assertThat(exports).hasSize(1);
        JsonNode fhirExport = exports.get(0);
        assertThat(fhirExport.get("agency").asText()).isEqualTo("AUDIT");
        assertThat(fhirExport.get("action").asText()).isEqualTo("EXPORT");
        assertThat(fhirExport.get("outcome").asText()).isEqualTo("PERMITTED");
        assertThat(fhirExport.get("userId").asText()).isEqualTo("audit.auditor");
        assertThat(fhirExport.get("role").asText()).isEqualTo("AUDITOR");
        assertThat(fhirExport.get("clientId").asText()).isEqualTo(CLIENT);
        assertThat(fhirExport.get("categories").toString()).as("the categories the exported trail names")
                .isEqualTo("[\"HEALTH_SUMMARY\"]");
        assertThat(fhirExport.get("reason").asText()).contains("FHIR");
        assertThat(storedAccessRecords()).as("written to the audit service's own event store too")
                .isEqualTo(stored + 1);

        assertThat(auditor().get("/api/clients/" + CLIENT + "/access-report").status()).isEqualTo(200);
        assertThat(auditor().get("/api/clients/" + CLIENT + "/access-report", "text/html").status()).isEqualTo(200);
        JsonNode all = auditor().get("/api/access-records?clientId=" + CLIENT + "&userId=audit.auditor").json();
        assertThat(all).hasSize(3).allSatisfy(r -> assertThat(r.get("action").asText()).isEqualTo("EXPORT"));
        assertThat(all.get(0).get("reason").asText()).contains("printable");
        assertThat(storedAccessRecords()).isEqualTo(stored + 3);

        // the next export shows the earlier ones, and the trail's own chain is intact
        Bundle bundle = FhirContext.forR4Cached().newJsonParser().parseResource(Bundle.class,
                auditor().get("/fhir/AuditEvent?patient=" + CLIENT, "application/fhir+json").body());
        assertThat(bundle.getEntry()).hasSize(9);
        JsonNode report = verification();
        assertThat(report.get("intact").asBoolean()).isTrue();
        assertThat(report.get("checked").asLong()).isEqualTo(10);

        // a trail with nothing in it exports nothing, and nothing is recorded
        String nobody = UUID.randomUUID().toString();
        assertThat(auditor().get("/fhir/AuditEvent?patient=" + nobody, "application/fhir+json").status())
                .isEqualTo(200);
        assertThat(auditor().get("/api/access-records?clientId=" + nobody).json()).isEmpty();
    }

    @Test
    void aRecordIsKeptWithTheSignatureOfItsSourceAndOneSignedByAnotherAgencyIsNotInTheTrail() {
        String client = UUID.randomUUID().toString();
        AccessRecordedEvent genuine = record(client, "BENEFITS");
        AccessRecordedEvent forged = record(client, "MENTAL_HEALTH");
        byte[] genuineMessage = codec.encode(codec.wrap(genuine.recordId(), Agency.BENEFITS, genuine.time(), null,
                genuine));
        byte[] forgedMessage = codec.encode(codec.wrap(forged.recordId(), Agency.MENTAL_HEALTH, forged.time(), null,
                forged));
        MessageSigner benefits = DemoSigningKeys.signer(Agency.BENEFITS);
        MessageSignature signature = benefits.sign(Topics.AUDIT, genuineMessage);

        inbound.receive(new InboundMessageProcessor.Delivered(Topics.AUDIT, genuineMessage, signature));
        // the benefits agency's own key, on a record that claims to come from the mental health agency
        inbound.receive(new InboundMessageProcessor.Delivered(Topics.AUDIT, forgedMessage,
                benefits.sign(Topics.AUDIT, forgedMessage)));

        JsonNode records = auditor().get("/api/access-records?clientId=" + client).json();
        assertThat(ids(records)).containsExactly(genuine.recordId().toString());
        assertThat(records.get(0).get("signature").asText()).isEqualTo(signature.base64());
        assertThat(records.get(0).get("signatureKeyId").asText()).isEqualTo("demo-benefits-agency");
        assertThat(records.get(0).get("agency").asText()).as("the record's own fields as before")
                .isEqualTo("BENEFITS");
        assertThat(parked.find(forged.recordId())).hasValueSatisfying(refused -> {
            assertThat(refused.refused()).isTrue();
            assertThat(refused.reason()).isEqualTo("signed by BENEFITS (key demo-benefits-agency) but claims to "
                    + "come from MENTAL_HEALTH");
        });
        assertThat(verification().get("intact").asBoolean()).isTrue();
    }

    @Test
    void aRecordSealedForTheAuditKeyIsOpenedAndKeptAndAnOldUnsealedOneIsStillKeptOnReplay() {
        String client = UUID.randomUUID().toString();
        AccessRecordedEvent sealedRecord = record(client, "BENEFITS");
        AccessRecordedEvent oldRecord = record(client, "BENEFITS");
        byte[] sealedMessage = codec.encode(new AuditSealing().seal(codec.wrap(sealedRecord.recordId(),
                Agency.BENEFITS, sealedRecord.time(), null, sealedRecord),
                AuditSealingKeys.demo().sealingKey().orElseThrow()));
        byte[] oldMessage = codec.encode(codec.wrap(oldRecord.recordId(), Agency.BENEFITS, oldRecord.time(), null,
                oldRecord));
        assertThat(new String(sealedMessage, StandardCharsets.UTF_8)).doesNotContain(client);
        MessageSigner benefits = DemoSigningKeys.signer(Agency.BENEFITS);

        inbound.receive(new InboundMessageProcessor.Delivered(Topics.AUDIT, sealedMessage,
                benefits.sign(Topics.AUDIT, sealedMessage)));
        inbound.receive(new InboundMessageProcessor.Delivered(Topics.AUDIT, oldMessage,
                benefits.sign(Topics.AUDIT, oldMessage)));

        assertThat(ids(auditor().get("/api/access-records?clientId=" + client).json()))
                .containsExactlyInAnyOrder(sealedRecord.recordId().toString(), oldRecord.recordId().toString());
        assertThat(verification().get("intact").asBoolean()).isTrue();
    }

    @Test
    void aRecordSealedForAnAuditKeyThisServiceDoesNotHoldIsKeptApartNotLost() {
        AccessRecordedEvent record = record(UUID.randomUUID().toString(), "BENEFITS");
        byte[] message = codec.encode(new AuditSealing().seal(codec.wrap(record.recordId(), Agency.BENEFITS,
                record.time(), null, record), new AuditSealing.AuditKey("audit-not-configured",
                KeyExchange.ephemeral().publicKey())));
        MessageSignature signature = DemoSigningKeys.signer(Agency.BENEFITS).sign(Topics.AUDIT, message);

        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                inbound.receive(new InboundMessageProcessor.Delivered(Topics.AUDIT, message, signature));
            } catch (AuditSealing.AuditKeyMissingException retried) {
                // retried like any failure until it is parked
            }
        }

        assertThat(parked.find(record.recordId())).hasValueSatisfying(kept -> assertThat(kept.reason())
                .contains("AuditKeyMissingException"));
    }

    private static AccessRecordedEvent record(String client, String agency) {
        return new AccessRecordedEvent(UUID.randomUUID(), Instant.parse("2026-03-02T10:00:00Z"), agency,
                "someone", "INSURANCE_PHYSICIAN", client, Set.of(DataCategory.HEALTH_SUMMARY), AccessAction.VIEW,
                Purpose.FUNDING_DECISION, List.of(CONSENT), AccessOutcome.PERMITTED, null);
    }

    private long storedAccessRecords() {
        Long count = jdbc.queryForObject("select count(*) from domain_event_entry where payload_type like ?",
                Long.class, "%AccessRecorded%");
        return count == null ? 0 : count;
    }

    private static List<String> profileOf(Bundle bundle, AccessRecordedEvent record) {
        AuditEvent event = (AuditEvent) bundle.getEntry().stream()
                .filter(e -> e.getFullUrl().endsWith(record.recordId().toString()))
                .findFirst().orElseThrow().getResource();
        return event.getMeta().getProfile().stream().map(p -> p.getValue()).toList();
    }

    private static List<String> ids(JsonNode records) {
        List<String> ids = new ArrayList<>();
        records.forEach(r -> ids.add(r.get("recordId").asText()));
        return ids;
    }
}
