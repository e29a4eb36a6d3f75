package nl.ipsexchange.municipality;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;

import nl.ipsexchange.funding.FidelityRegister;
import nl.ipsexchange.funding.command.FundingCommands.ReceiveFundingApplicationCommand;
import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.BenefitType;
import nl.ipsexchange.kernel.Topics;
import nl.ipsexchange.kernel.consent.ConsentTerms;
import nl.ipsexchange.kernel.messaging.EnvelopeCodec;
import nl.ipsexchange.kernel.messaging.EventEnvelope;
import nl.ipsexchange.platform.crypto.StatusPseudonyms;
import nl.ipsexchange.testsupport.ApiClient;
import nl.ipsexchange.testsupport.TestInfrastructure;

/**
 * A funder rejects a funding application through {@code POST /api/funding-applications/{id}/reject}, against a real
 * PostgreSQL and Kafka: a rejection without a reason is a 400 problem naming {@code reason} and changes nothing; with
 * a reason it is recorded, shown, published de-identified on {@code ips.status}, and the application can no longer be
 * approved. The application arrives as the funder's inbox gives it to the aggregate (its arrival through the consent
 * gate is the end-to-end tests' part).
 */
@MunicipalityTest
class FundingRejectionApiTest {

    private static final LocalDate TODAY = LocalDate.now(ConsentTerms.ZONE);

    @LocalServerPort
    int port;

    @Autowired
    StatusPseudonyms pseudonyms;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CommandGateway commands;

    @Autowired
    FidelityRegister register;

    private ApiClient caseManager;
    private String applicationId;
    private String clientId;

    @BeforeEach
    void anApplication() {
        caseManager = ApiClient.as("http://localhost:" + port, "municipality.case-manager");
        applicationId = UUID.randomUUID().toString();
        clientId = UUID.randomUUID().toString();
        commands.sendAndWait(new ReceiveFundingApplicationCommand(applicationId, clientId, Agency.MUNICIPALITY,
                BenefitType.SOCIAL_ASSISTANCE, TODAY.minusDays(14), TODAY.minusDays(7)));
    }

    private JsonNode application() {
        for (JsonNode application : caseManager.get("/api/funding-applications").json()) {
            if (applicationId.equals(application.get("applicationId").asText())) {
                return application;
            }
        }
        throw new AssertionError("the application is not listed");
    }

    private int events() {
        return jdbc.queryForObject("select count(*) from domain_event_entry", Integer.class);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"after=0b8d8f7e-4a55-4f4e-9d0b-9f7d7c3f2a11", "after=nope", "limit=0", "limit=501"})
    void aPageOfApplicationsAfterOneThatIsNotOneOrOfAWrongSizeIsA400NamingTheParameter(String query) {
        ApiClient.Response refused = caseManager.get("/api/funding-applications?" + query);
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().get("detail").asText()).startsWith(query.substring(0, query.indexOf('=')));
        assertThat(caseManager.get("/api/funding-applications?limit=1&after=" + applicationId).status())
                .as("after an application received: the next page").isEqualTo(200);
    }

    /** The funder sees which IPS team an application names: the team whose fidelity decides it (ADR 45). */
    @Test
    void theListNamesTheTeamAnApplicationNamesAndNoneWhereItNamedNone() {
        assertThat(application().hasNonNull("team")).as("named no team yet").isFalse();

        register.recordTeam(applicationId, "IPS team Zuid", UUID.randomUUID());

        assertThat(application().get("team").asText()).isEqualTo("IPS team Zuid");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{}", "{\"reason\":null}", "{\"reason\":\"\"}", "{\"reason\":\"   \"}"})
    void aRejectionWithoutAReasonIsA400NamingTheReasonAndChangesNothing(String body) {
        int events = events();

        ApiClient.Response response = caseManager.post("/api/funding-applications/" + applicationId + "/reject", body);

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.isProblem()).isTrue();
        assertThat(response.json().get("detail").asText()).startsWith("reason");
        assertThat(events()).isEqualTo(events);
        assertThat(application().get("status").asText()).isEqualTo("RECEIVED");
    }

    @Test
    void aRejectionWithAReasonIsRecordedShownAndPublishedDeIdentifiedAndTheApplicationCannotBeApprovedAfter() {
        String reason = "the client moved to Amersfoort";
        ApiClient.Response rejected = caseManager.post("/api/funding-applications/" + applicationId + "/reject",
                "{\"reason\":\"%s\"}".formatted(reason));

        assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);
        assertThat(rejected.json().get("status").asText()).isEqualTo("REJECTED");
        JsonNode shown = application();
        assertThat(shown.get("status").asText()).isEqualTo("REJECTED");
        assertThat(shown.get("reason").asText()).isEqualTo(reason);

        // named by the municipality's own pseudonym of the trajectory, never by its or the client's id (ADR 36)
        String pseudonym = pseudonyms.trajectory(applicationId);
        ConsumerRecord<String, byte[]> status = awaitStatusRecordFor(pseudonym);
        EventEnvelope envelope = new EnvelopeCodec().decode(status.value());
        assertThat(envelope.type()).isEqualTo("FundingStep");
        assertThat(envelope.payload().get("step").asText()).isEqualTo("REJECTED");
        assertThat(envelope.payload().get("trajectoryPseudonym").asText()).isEqualTo(pseudonym);
        assertThat(envelope.consent()).isNull();
        assertThat(new String(status.value(), StandardCharsets.UTF_8)).doesNotContain("Amersfoort", applicationId,
                clientId);

        int events = events();
        ApiClient.Response approve = caseManager.post("/api/funding-applications/" + applicationId + "/approve",
                "{\"startDate\":\"%s\"}".formatted(TODAY));
        assertThat(approve.status()).as(approve.body()).isEqualTo(409);
        assertThat(approve.json().get("detail").asText()).contains("already rejected");
        assertThat(events()).isEqualTo(events);
        assertThat(application().get("status").asText()).isEqualTo("REJECTED");
    }

    private ConsumerRecord<String, byte[]> awaitStatusRecordFor(String key) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                TestInfrastructure.get().kafkaAdmin().with(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, "funding-status-check-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.STATUS));
            long deadline = System.currentTimeMillis() + 60_000;
            List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
            while (System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(record.key())) {
                        seen.add(record);
                    }
                }
                if (!seen.isEmpty()) {
                    return seen.get(0);
                }
            }
            throw new AssertionError("no status event for the trajectory on " + Topics.STATUS);
        }
    }
}
