package nl.ipsexchange.mha.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.consent.ConsentTerms;
import nl.ipsexchange.kernel.messaging.EnvelopeCodec;
import nl.ipsexchange.kernel.messaging.EventEnvelope;
import nl.ipsexchange.kernel.messaging.sealing.EnvelopeSealing;
import nl.ipsexchange.kernel.messaging.sealing.TransitKey;
import nl.ipsexchange.kernel.messaging.sealing.TransitKeyMissingException;
import nl.ipsexchange.mha.MentalHealthAgencyTest;
import nl.ipsexchange.mha.messaging.TransitKeyStore;
import nl.ipsexchange.platform.crypto.ClientDataCipher;
import nl.ipsexchange.testsupport.ApiClient;
import nl.ipsexchange.testsupport.TestBsns;
import nl.ipsexchange.testsupport.TestInfrastructure;

/**
 * Crypto-shredding at the mental health agency, against a real PostgreSQL and Kafka: once a client's data key is
 * deleted from its own table, every stored copy of the client's health information (the events in the event store,
 * the projection) is unreadable; reads answer as if it were erased (the health fields are absent), the relay has
 * nothing of it to send, and no plaintext of it is anywhere in the database.
 */
@MentalHealthAgencyTest
class CryptoShreddingApiTest {

    private static final LocalDate TODAY = LocalDate.now(ConsentTerms.ZONE);

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ClientDataCipher cipher;

    @Test
    void deletingTheClientsKeyMakesEveryStoredCopyOfItsHealthDataUnreadable() {
        ApiClient clinician = ApiClient.as("http://localhost:" + port, "mha.clinician");
        ApiClient.Response created = clinician.post("/api/clients", """
                {"name":"Client Shredded","bsn":"%s","dateOfBirth":"1966-06-06","benefit":"DISABILITY",
                 "municipality":"Ede"}""".formatted(TestBsns.random()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String clientId = created.json().get("clientId").asText();
        String summary = "summary-marker-" + UUID.randomUUID();
        String diagnosis = "diagnosis-marker-" + UUID.randomUUID();
        assertThat(clinician.put("/api/clients/" + clientId + "/health/HEALTH_SUMMARY",
                "{\"text\":\"" + summary + "\"}").status()).isEqualTo(204);
        assertThat(clinician.put("/api/clients/" + clientId + "/health/DIAGNOSIS",
                "{\"text\":\"" + diagnosis + "\"}").status()).isEqualTo(204);
        assertThat(clinician.post("/api/clients/" + clientId + "/consents", """
                {"recipients":["BENEFITS"],"categories":["EMPLOYMENT","HEALTH_SUMMARY"],
                 "purposes":["FUNDING_DECISION"],"validFrom":"%s","validUntil":"%s"}"""
                .formatted(TODAY, TODAY.plusDays(30))).status()).isEqualTo(201);

        ApiClient.Response before = clinician.get("/api/clients/" + clientId);
        assertThat(before.json().get("healthSummary").asText()).isEqualTo(summary);
        assertThat(before.json().get("diagnosis").asText()).isEqualTo(diagnosis);

        // every stored copy of the health data: the events' ciphertexts and the projection's
        List<String> copies = new ArrayList<>(jdbc.queryForList("""
                select convert_from(payload, 'UTF8')::jsonb ->> 'encryptedText' from domain_event_entry
                where payload_type like '%HealthInformationRecordedEvent'
                  and convert_from(payload, 'UTF8')::jsonb ->> 'clientId' = ?""", String.class, clientId));
        assertThat(copies).as("two events").hasSize(2);
        copies.addAll(jdbc.queryForList("select ciphertext from client_health where client_id = ?", String.class,
                clientId));
        assertThat(copies).hasSize(4).allMatch(copy -> copy.startsWith("enc2:"));
        assertThat(copies).extracting(copy -> cipher.decrypt(clientId, copy).orElseThrow())
                .as("readable while the key exists").containsOnly(summary, diagnosis);
        assertThat(columnsContaining(List.of(summary, diagnosis))).as("stored encrypted only").isEmpty();

        // the key store is its own table: delete the client's key there
        assertThat(jdbc.update("delete from client_data_key where client_id = ?", clientId)).isEqualTo(1);

        assertThat(copies).extracting(copy -> cipher.decrypt(clientId, copy))
                .as("every stored copy is unreadable").allMatch(Optional::isEmpty);
        int viewsBefore = healthViewRecords(clientId);
        assertThat(viewsBefore).as("the health read before the shredding was recorded").isPositive();
        ApiClient.Response after = clinician.get("/api/clients/" + clientId);
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.json().has("healthSummary")).as("answered as erased").isFalse();
        assertThat(after.json().has("diagnosis")).as("answered as erased").isFalse();
        assertThat(after.body()).doesNotContain(summary, diagnosis);
        assertThat(after.json().get("name").asText()).as("identification is not health data")
                .isEqualTo("Client Shredded");
        assertThat(healthViewRecords(clientId)).as("no health data shown, so no health read recorded")
                .isEqualTo(viewsBefore);
        assertThat(ApiClient.as("http://localhost:" + port, "mha.specialist").get("/api/clients/" + clientId).body())
                .doesNotContain(summary, diagnosis);

        // the relay reads the same copies: the next message to the benefits agency carries employment, no health
        String job = "job-marker-" + UUID.randomUUID();
        assertThat(clinician.put("/api/clients/" + clientId + "/employment",
                "{\"jobPreferences\":\"" + job + "\",\"disclosureToEmployer\":false}").status()).isEqualTo(204);
        String shared = awaitInboxRecordContaining(clientId, job);
        assertThat(shared).doesNotContain("healthSummary", summary, diagnosis);

        assertThat(columnsContaining(List.of(summary, diagnosis))).as("no plaintext anywhere").isEmpty();
    }

    private int healthViewRecords(String clientId) {
        return jdbc.queryForObject("""
                select count(*) from domain_event_entry where payload_type like '%AccessRecordedEvent'
                  and convert_from(payload, 'UTF8')::jsonb ->> 'clientId' = ?
                  and convert_from(payload, 'UTF8')::jsonb ->> 'action' = 'VIEW'""", Integer.class, clientId);
    }

    /** Every column of every table in the public schema whose value (bytes, or text as UTF-8) contains a value. */
    private List<String> columnsContaining(List<String> values) {
        List<String> found = new ArrayList<>();
        for (Map<String, Object> column : jdbc.queryForList("""
                select c.table_name, c.column_name, c.data_type from information_schema.columns c
                join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                where c.table_schema = 'public' and t.table_type = 'BASE TABLE'""")) {
            String name = "\"" + column.get("column_name") + "\"";
            String bytes = "bytea".equals(column.get("data_type")) ? name : "convert_to(" + name + "::text, 'UTF8')";
            for (String value : values) {
                String hex = HexFormat.of().formatHex(value.getBytes(StandardCharsets.UTF_8));
                Integer hits = jdbc.queryForObject("select count(*) from \"" + column.get("table_name")
                        + "\" where position(decode('" + hex + "', 'hex') in " + bytes + ") > 0", Integer.class);
                if (hits > 0) {
                    found.add(column.get("table_name") + "." + column.get("column_name") + ": " + value);
                }
            }
        }
        return found;
    }

    /** The payload of the client's message on the benefits agency's inbox that holds the text once opened. */
    private String awaitInboxRecordContaining(String clientId, String text) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                TestInfrastructure.get().kafkaAdmin().with(Map.of(
                "group.id", "inspect-" + UUID.randomUUID(), "auto.offset.reset", "earliest")),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Agency.BENEFITS.inboxTopic()));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(300))) {
                    if (!clientId.equals(record.key())) {
                        continue;
                    }
                    assertThat(new String(record.value(), StandardCharsets.UTF_8)).as("sealed on the wire")
                            .doesNotContain(text);
                    Optional<String> opened = openedPayload(new EnvelopeCodec().decode(record.value()));
                    if (opened.isPresent() && opened.get().contains(text)) {
                        return opened.get();
                    }
                }
            }
            throw new AssertionError("no message about " + clientId + " with " + text + " reached the inbox");
        }
    }

    @Autowired
    TransitKeyStore transitKeys;

    /**
     * The payload opened with this agency's transit keys; empty for one sealed under a key that went with the client's
     * data key.
     */
    private Optional<String> openedPayload(EventEnvelope envelope) {
        if (!envelope.carriesPersonalData()) {
            return Optional.of(envelope.payload().toString());
        }
        try {
            return Optional.of(new EnvelopeSealing().open(envelope, id -> transitKeys.find(id)
                    .flatMap(TransitKeyStore.Stored::key).map(TransitKey::secret)).payload().toString());
        } catch (TransitKeyMissingException destroyed) {
            return Optional.empty();
        }
    }
}
