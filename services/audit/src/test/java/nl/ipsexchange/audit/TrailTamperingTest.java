package nl.ipsexchange.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import javax.crypto.Mac;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.databind.JsonNode;

import nl.ipsexchange.audit.query.AccessRecordChain;
import nl.ipsexchange.audit.query.ChainHead;
import nl.ipsexchange.audit.query.Checkpoint;
import nl.ipsexchange.audit.query.TrailVerifications;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.audit.AccessAction;
import nl.ipsexchange.kernel.audit.AccessOutcome;
import nl.ipsexchange.kernel.audit.AccessRecordedEvent;
import nl.ipsexchange.testsupport.ApiClient;
import nl.ipsexchange.testsupport.FormLogin;

/**
 * Each way of tampering with the trail through a plain database login (ADR 32), as a stolen one would: the
 * verification reports the trail as not intact and names the chain and what is wrong.
 */
@AuditServiceTest
class TrailTamperingTest {

    private static final String BENEFITS = "BENEFITS";

    @LocalServerPort
    int port;

    @Autowired
    AccessRecordChain chain;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Environment environment;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    TrailVerifications.Witnessed witnessed;

    @Autowired
    TrailVerifications verifications;

    /** The benefits agency's five records, oldest first. */
    private final List<UUID> benefits = new ArrayList<>();

    @BeforeEach
    void fiveRecordsOfTheBenefitsAgencyAndTwoOfTheMentalHealthAgencyVerifiedOnce() {
        FreshTrail.start(jdbc, witnessed);
        Instant t = Instant.parse("2026-03-01T09:00:00Z");
        for (int i = 0; i < 5; i++) {
            benefits.add(append(BENEFITS, t.plusSeconds(60L * i)));
        }
        append("MENTAL_HEALTH", t.plusSeconds(10));
        append("MENTAL_HEALTH", t.plusSeconds(20));
        JsonNode first = verification();
        assertThat(first.get("intact").asBoolean()).isTrue();
        assertThat(first.get("checked").asLong()).isEqualTo(7);
    }

    @Test
    void anUntouchedTrailStaysIntactAndTheAnswerSaysWhatWasComparedWithOutsideTheDatabase() {
        JsonNode report = verification();
        assertThat(report.get("intact").asBoolean()).isTrue();
        assertThat(report.get("firstBrokenRecordId").isNull()).isTrue();
        assertThat(report.get("checkpoint").asText()).startsWith("compared with the signed checkpoint of ");
        assertThat(report.get("chains")).hasSize(2);
        assertThat(chainIn(report, BENEFITS).get("records").asLong()).isEqualTo(5);
        assertThat(chainIn(report, BENEFITS).get("headRecordId").asText()).isEqualTo(benefits.get(4).toString());
    }

    @Test
    void movingTheHeadBackToAnOlderRecordIsDetectedAndTheChainNamed() {
        // the probe of issue 27: an older record's position, id and hash copied into the head
        jdbc.update("""
                update access_chain_head h set chain_position = r.chain_position, record_id = r.record_id,
                    record_hash = r.record_hash from access_record r where r.record_id = ? and h.source_agency = ?""",
                benefits.get(2), BENEFITS);

        JsonNode report = verification();
        assertBroken(report, benefits.get(3), "2 record(s) after its head (position 3): the head was moved back");
    }

    @Test
    void deletingTheNewestRecordsIsDetectedAndTheChainNamed() {
        jdbc.update("delete from access_record where record_id in (?, ?)", benefits.get(3), benefits.get(4));

        assertBroken(verification(), benefits.get(4), "the newest record(s) of the chain are missing");
    }

    @Test
    void deletingTheNewestRecordsAndMovingTheHeadBackIsDetectedFromTheVerificationsMemory() {
        truncateBenefitsToThreeRecords();

        JsonNode report = verification();
        assertBroken(report, benefits.get(4), "the chain holds 3 record(s), fewer than the 5 that the verification of ");
        assertThat(report.get("reason").asText()).endsWith("saw: records were deleted (truncated)");
    }

    @Test
    void editingARecordIsDetectedAndTheChainNamed() {
        jdbc.update("update access_record set user_id = 'someone.else' where record_id = ?", benefits.get(1));

        assertBroken(verification(), benefits.get(1),
                "the content of the record at position 2 does not match its hash (edited)");
    }

    @Test
    void reorderingTwoRecordsIsDetectedAndTheChainNamed() {
        jdbc.update("update access_record set chain_position = -1 where record_id = ?", benefits.get(1));
        jdbc.update("update access_record set chain_position = 2 where record_id = ?", benefits.get(2));
        jdbc.update("update access_record set chain_position = 3 where record_id = ?", benefits.get(1));

        assertBroken(verification(), benefits.get(2), "the record at position 2 is out of its place in the chain");
    }

    @Test
    void deletingARecordInTheMiddleIsDetectedAndTheChainNamed() {
        jdbc.update("delete from access_record where record_id = ?", benefits.get(2));

        assertBroken(verification(), benefits.get(2), "a record is missing from the chain (deleted) before position 4");
    }

    @Test
    void rewindingTheRecordsAndTheVerificationsMemoryTogetherIsDetectedByTheSignedCheckpoint() {
        truncateBenefitsToThreeRecords();
        jdbc.update("delete from trail_verification"); // and with it the heads each verification remembered

        JsonNode report = verification();
        assertBroken(report, benefits.get(4), "the chain holds 3 record(s), fewer than the 5 that the signed "
                + "checkpoint of ");
    }

    @Test
    void deletingAWholeChainWithItsHeadIsDetectedAndTheChainNamed() {
        jdbc.update("delete from access_record where source_agency = ?", BENEFITS);
        jdbc.update("delete from access_chain_head where source_agency = ?", BENEFITS);

        assertBroken(verification(), benefits.get(4), "the chain holds 0 record(s), fewer than the 5");
    }

    @Test
    void aChainWrittenAnewAfterTheWitnessedHeadIsDetectedAndTheChainNamed() {
        // as if someone with the chain key rewrote the newest two records: as many records, but other ones
        truncateBenefitsToThreeRecords();
        append(BENEFITS, Instant.parse("2026-03-02T09:00:00Z"));
        append(BENEFITS, Instant.parse("2026-03-02T09:01:00Z"));

        assertBroken(verification(), benefits.get(4), "the chain no longer passes through the head (position 5)");
    }

    @Test
    void recordsAppendedAfterTheLastVerificationAreWitnessedByTheNextCheckpointAndTheirDeletionIsDetected() {
        append(BENEFITS, Instant.parse("2026-03-02T09:00:00Z"));
        UUID seventh = append(BENEFITS, Instant.parse("2026-03-02T09:01:00Z"));
        verifications.checkpointNow();
        // the two new records deleted, the head moved back to the fifth: what the last verification saw, no more
        jdbc.update("delete from access_record where source_agency = ? and chain_position > 5", BENEFITS);
        jdbc.update("""
                update access_chain_head h set chain_position = r.chain_position, record_id = r.record_id,
                    record_hash = r.record_hash from access_record r where r.record_id = ? and h.source_agency = ?""",
                benefits.get(4), BENEFITS);

        assertBroken(verification(), seventh, "the chain holds 5 record(s), fewer than the 7 that the signed "
                + "checkpoint of ");
    }

    @Test
    void aCheckpointKeepsTheWitnessedHeadOfAChainThatNoLongerRunsOnFromIt() {
        truncateBenefitsToThreeRecords();
        append(BENEFITS, Instant.parse("2026-03-02T09:00:00Z"));
        append(BENEFITS, Instant.parse("2026-03-02T09:01:00Z"));
        verifications.checkpointNow();
        jdbc.update("delete from trail_verification");

        assertBroken(verification(), benefits.get(4), "the chain no longer passes through the head (position 5) "
                + "that the signed checkpoint of ");
    }

    @Test
    void aCheckpointWithABadSignatureIsIgnoredAndReported() {
        Checkpoint valid = witnessed.signer().sign(new Checkpoint(witnessed.trail(), Instant.now(), List.of(
                new ChainHead(BENEFITS, 9, 9, UUID.randomUUID(), "0".repeat(64))), null));
        // the same checkpoint claiming other heads: its signature no longer matches
        Checkpoint forged = new Checkpoint(valid.trail(), valid.time(), List.of(
                new ChainHead(BENEFITS, 1, 1, benefits.get(0), "1".repeat(64))), valid.signature());
        witnessed.witness().publish(forged);

        JsonNode report = verification();
        assertThat(report.get("intact").asBoolean()).as("compared with the valid checkpoint before it").isTrue();
        assertThat(report.get("checkpoint").asText())
                .contains("1 newer checkpoint(s) with a bad signature or unreadable were ignored");
        JsonNode next = verification();
        assertThat(next.get("checkpoint").asText()).doesNotContain("ignored");
    }

    @Test
    void aBrokenChainStaysReportedInTheNextVerificationAndOnThePage() throws Exception {
        truncateBenefitsToThreeRecords();
        verification();

        JsonNode again = verification();
        assertThat(again.get("intact").asBoolean()).isFalse();
        assertThat(again.get("agency").asText()).isEqualTo(BENEFITS);
        String page = trailPageAsAuditor();
        assertThat(page).contains("NOT intact").contains("Chain BENEFITS: the chain holds 3 record(s), fewer than "
                + "the 5 that the verification of ");
    }

    /** The trail page as an auditor's browser gets it: the login form (with its CSRF token), then the page. */
    private String trailPageAsAuditor() throws Exception {
        return FormLogin.page("http://localhost:" + port, "audit.auditor", "/trail");
    }

    private void truncateBenefitsToThreeRecords() {
        jdbc.update("delete from access_record where record_id in (?, ?)", benefits.get(3), benefits.get(4));
        jdbc.update("""
                update access_chain_head h set chain_position = r.chain_position, record_id = r.record_id,
                    record_hash = r.record_hash from access_record r where r.record_id = ? and h.source_agency = ?""",
                benefits.get(2), BENEFITS);
    }

    private static void assertBroken(JsonNode report, UUID record, String problem) {
        assertThat(report.get("intact").asBoolean()).isFalse();
        assertThat(report.get("agency").asText()).as("the chain is named").isEqualTo(BENEFITS);
        assertThat(report.get("firstBrokenRecordId").asText()).isEqualTo(record.toString());
        assertThat(report.get("reason").asText()).contains(problem);
        JsonNode benefitsChain = chainIn(report, BENEFITS);
        assertThat(benefitsChain.get("intact").asBoolean()).isFalse();
        assertThat(benefitsChain.get("problem").asText()).isEqualTo(report.get("reason").asText());
        assertThat(chainIn(report, "MENTAL_HEALTH").get("intact").asBoolean()).as("the other chain").isTrue();
    }

    @Test
    void aRecordStoredBeforeRecordsNamedSeveralConsentsStillVerifiesAsItWasHashedAndShowsItsConsent() throws Exception {
        // as the trail stored it before hash version 2: consent_id alone, hashed by the canonical form of then
        UUID record = UUID.randomUUID();
        UUID consent = UUID.randomUUID();
        String client = UUID.randomUUID().toString();
        Instant time = Instant.parse("2026-02-01T09:00:00Z");
        String hash = hmac(String.join("\u001f", record.toString(), time.toString(), "INSURER", "insurer.adviser",
                "CARE_ADVISER", client, "HEALTH_SUMMARY", "VIEW", "FUNDING_DECISION", consent.toString(), "PERMITTED",
                "", "INSURER", "1", new UUID(0, 0).toString(), "0".repeat(64)));
        jdbc.update("""
                insert into access_record (record_id, time, agency, user_id, role, client_id, categories, action,
                    purpose, consent_id, outcome, reason, source_agency, event_id, chain_position,
                    previous_record_id, previous_hash, record_hash)
                values (?, ?, 'INSURER', 'insurer.adviser', 'CARE_ADVISER', ?, 'HEALTH_SUMMARY', 'VIEW',
                    'FUNDING_DECISION', ?, 'PERMITTED', null, 'INSURER', ?, 1, ?, ?, ?)""",
                record, Timestamp.from(time), client, consent, UUID.randomUUID(), new UUID(0, 0),
                "0".repeat(64), hash);
        jdbc.update("insert into access_chain_head (source_agency, chain_position, record_id, record_hash) "
                + "values ('INSURER', 1, ?, ?)", record, hash);

        JsonNode report = verification();
        assertThat(report.get("intact").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.get("checked").asLong()).isEqualTo(8);
        JsonNode shown = ApiClient.as("http://localhost:" + port, "audit.auditor")
                .get("/api/access-records?clientId=" + client).json().get(0);
        assertThat(shown.get("consentId").asText()).isEqualTo(consent.toString());
        assertThat(shown.get("consentIds")).extracting(JsonNode::asText).containsExactly(consent.toString());
    }

    @Test
    void aRecordNamingTwoConsentsVerifiesAndEditingEitherOfThemIsDetected() {
        UUID first = UUID.fromString("00000000-0000-4000-8000-000000000001");
        UUID second = UUID.fromString("00000000-0000-4000-8000-000000000002");
        AccessRecordedEvent twoConsents = new AccessRecordedEvent(UUID.randomUUID(),
                Instant.parse("2026-03-01T10:00:00Z"), BENEFITS, "benefits.physician", "INSURANCE_PHYSICIAN",
                UUID.randomUUID().toString(), Set.of(DataCategory.HEALTH_SUMMARY, DataCategory.DIAGNOSIS),
                AccessAction.VIEW, Purpose.FUNDING_DECISION, List.of(second, first), AccessOutcome.PERMITTED, null);
        transactions.executeWithoutResult(status -> chain.append(twoConsents, BENEFITS, UUID.randomUUID()));
        assertThat(verification().get("intact").asBoolean()).isTrue();
        JsonNode shown = ApiClient.as("http://localhost:" + port, "audit.auditor")
                .get("/api/access-records?clientId=" + twoConsents.clientId()).json().get(0);
        assertThat(shown.get("consentIds")).extracting(JsonNode::asText)
                .containsExactly(first.toString(), second.toString());
        assertThat(shown.get("consentId").asText()).as("the field http-api.md names: the first").isEqualTo(
                first.toString());

        jdbc.update("update access_record set consent_ids = array[?::uuid] where record_id = ?", first,
                twoConsents.recordId());

        assertBroken(verification(), twoConsents.recordId(),
                "the content of the record at position 6 does not match its hash (edited)");
    }

    @Test
    void passingARecordOffAsOneHashedBeforeRecordsNamedSeveralConsentsIsDetected() {
        jdbc.update("update access_record set hash_version = 1 where record_id = ?", benefits.get(3));

        assertBroken(verification(), benefits.get(3),
                "the content of the record at position 4 does not match its hash (edited)");
    }

    /** The chain's HMAC under the demo profile's chain key, as the trail computes it. */
    private String hmac(String canonical) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(AccessRecordChain.key(environment));
        return HexFormat.of().formatHex(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
    }

    private static JsonNode chainIn(JsonNode report, String name) {
        for (JsonNode chain : report.get("chains")) {
            if (chain.get("chain").asText().equals(name)) {
                return chain;
            }
        }
        throw new AssertionError("no chain " + name + " in " + report);
    }

    private UUID append(String agency, Instant time) {
        AccessRecordedEvent record = new AccessRecordedEvent(UUID.randomUUID(), time, agency, "benefits.physician",
                "INSURANCE_PHYSICIAN", "0b8d8f7e-4a55-4f4e-9d0b-9f7d7c3f2a11", Set.of(DataCategory.HEALTH_SUMMARY),
                AccessAction.VIEW, Purpose.FUNDING_DECISION, List.of(), AccessOutcome.DENIED, "no consent");
        transactions.executeWithoutResult(status -> chain.append(record, agency, UUID.randomUUID()));
        return record.recordId();
    }

    private JsonNode verification() {
        ApiClient.Response response = ApiClient.as("http://localhost:" + port, "audit.auditor")
                .get("/api/access-records/verification");
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }
}
