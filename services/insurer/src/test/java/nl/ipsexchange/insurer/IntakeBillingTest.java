package nl.ipsexchange.insurer;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.consent.ConsentEffect;
import nl.ipsexchange.kernel.consent.ConsentGrantedEvent;
import nl.ipsexchange.kernel.consent.ConsentTerms;
import nl.ipsexchange.kernel.funding.IntakeHoursBilledEvent;
import nl.ipsexchange.kernel.messaging.ConsentReference;
import nl.ipsexchange.kernel.messaging.EnvelopeCodec;
import nl.ipsexchange.platform.messaging.InboundMessageProcessor;
import nl.ipsexchange.platform.messaging.signing.DemoSigningKeys;
import nl.ipsexchange.testsupport.ApiClient;
import nl.ipsexchange.testsupport.SealingSender;
import nl.ipsexchange.testsupport.TestInfrastructure;

/**
 * The insurer's intake billing against a real PostgreSQL and Kafka: intake hours arrive through the insurer's inbox as
 * the mental health agency sends them (sealed, under the client's BILLING consent), and are billed at the covenant's
 * tariff (95.00 an hour) up to the covenant's 8 hours per client, checked here again whatever the sender capped; the
 * same consultation sent again adds nothing, hours outside consent are refused on receipt, and the lines are shown
 * to the insurer's care advisers only.
 */
@InsurerTest
class IntakeBillingTest {

    private static final LocalDate TODAY = LocalDate.now(ConsentTerms.ZONE);
    private static final String TOPIC = Agency.INSURER.inboxTopic();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    InboundMessageProcessor inbox;

    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final SealingSender mha = new SealingSender(TestInfrastructure.get().kafkaAdmin());
    private final String clientId = UUID.randomUUID().toString();
    private final String trajectoryId = UUID.randomUUID().toString();
    private final UUID consentId = UUID.randomUUID();

    @Test
    void intakeHoursAreBilledAtTheCovenantsTariffAndShownToTheCareAdvisersOnly() {
        consent();
        bill(trajectoryId, 1, "1.5");

        ApiClient.Response payments = as("insurer.adviser").get("/api/trajectories/" + trajectoryId + "/payments");
        assertThat(payments.status()).as(payments.body()).isEqualTo(200);
        assertThat(payments.json()).hasSize(1);
        JsonNode line = payments.json().get(0);
        assertThat(line.get("type").asText()).isEqualTo("INTAKE");
        assertThat(line.get("amount").decimalValue()).isEqualByComparingTo("142.50");
        assertThat(line.get("dueDate").asText()).isEqualTo(TODAY.minusDays(1).toString());
        assertThat(line.get("status").asText()).isEqualTo("DUE");
        assertThat(as("insurer.admin").get("/api/trajectories/" + trajectoryId + "/payments").status())
                .as("an administrator is no care adviser").isEqualTo(403);
    }

    /** The covenant's 8 hours per client, at and around the boundary: {@code before}, then one hour more. */
    @ParameterizedTest(name = "{0} hours billed, then 1: {1} billed")
    @CsvSource({"6.99, 1", "7, 1", "7.01, 0.99", "7.5, 0.5", "8,"})
    void atMostTheCovenantsEightHoursAreBilledPerClient(String before, String billed) {
        consent();
        bill(trajectoryId, 1, before);
        bill(trajectoryId, 2, "1");

        List<Map<String, Object>> second = jdbc.queryForList(
                "select hours, amount from payment_line where line_id = ?", trajectoryId + ":INTAKE:2");
        if (billed == null) {
            assertThat(second).as("nothing left to bill").isEmpty();
        } else {
            assertThat(second).hasSize(1);
            assertThat((BigDecimal) second.get(0).get("hours")).isEqualByComparingTo(billed);
            assertThat((BigDecimal) second.get(0).get("amount"))
                    .isEqualByComparingTo(new BigDecimal(billed).multiply(new BigDecimal("95.00")));
        }
        assertThat(billedHours()).isEqualByComparingTo(new BigDecimal(before).add(billed == null ? BigDecimal.ZERO
                : new BigDecimal(billed)));
    }

    @Test
    void theEightHoursAreTheClientsAcrossTrajectoriesTheEarliestSessionsFirst() {
        consent();
        bill(trajectoryId, 1, "6", TODAY.minusDays(2));
        String another = UUID.randomUUID().toString();
        bill(another, 1, "3");

        assertThat(jdbc.queryForObject("select hours from payment_line where line_id = ?", BigDecimal.class,
                another + ":INTAKE:1")).isEqualByComparingTo("2");
        assertThat(billedHours()).isEqualByComparingTo("8");
    }

    @Test
    void theSameConsultationSentAgainAddsNothing() {
        consent();
        bill(trajectoryId, 1, "2");
        bill(trajectoryId, 1, "2");

        assertThat(jdbc.queryForObject("select count(*) from payment_line where client_id = ?", Integer.class,
                clientId)).isOne();
        assertThat(billedHours()).isEqualByComparingTo("2");
    }

    @Test
    void hoursOutsideTheClientsConsentAreRefusedOnReceiptAndNotBilled() {
        UUID eventId = send(trajectoryId, 1, "2");

        assertThat(jdbc.queryForObject("select count(*) from processed_message where event_id = ?", Integer.class,
                eventId)).as("received and refused").isOne();
        assertThat(jdbc.queryForObject("select count(*) from payment_line where client_id = ?", Integer.class,
                clientId)).isZero();
        assertThat(jdbc.queryForObject("""
                select count(*) from domain_event_entry where payload_type like '%AccessRecordedEvent'
                and convert_from(payload, 'UTF8') like '%' || ? || '%'
                and convert_from(payload, 'UTF8') like '%DENIED%'""", Integer.class, eventId.toString()))
                .as("the refused receipt is recorded").isOne();
    }

    private ApiClient as(String user) {
        return ApiClient.as("http://localhost:" + port, user);
    }

    private BigDecimal billedHours() {
        return jdbc.queryForObject("select coalesce(sum(hours), 0) from payment_line where client_id = ?",
                BigDecimal.class, clientId);
    }

    /** The client's consent to the insurer: BENEFITS data for BILLING. */
    private void consent() {
        assertThat(process(codec.encode(codec.wrap(UUID.randomUUID(), Agency.MENTAL_HEALTH, Instant.now(), null,
                new ConsentGrantedEvent(consentId, clientId, Agency.INSURER, ConsentEffect.PERMIT,
                        Set.of(DataCategory.BENEFITS), Set.of(Purpose.BILLING), TODAY.minusDays(1),
                        TODAY.plusDays(30)))))).isTrue();
    }

    /** One consultation's billable hours, received and handled (the keys it needs asked for and granted). */
    private void bill(String trajectory, int session, String hours) {
        bill(trajectory, session, hours, TODAY.minusDays(1));
    }

    private void bill(String trajectory, int session, String hours, LocalDate date) {
        UUID eventId = send(trajectory, session, hours, date);
        assertThat(jdbc.queryForObject("select count(*) from processed_message where event_id = ?", Integer.class,
                eventId)).as("session %d handled", session).isOne();
    }

    private UUID send(String trajectory, int session, String hours) {
        return send(trajectory, session, hours, TODAY.minusDays(1));
    }

    private UUID send(String trajectory, int session, String hours, LocalDate date) {
        IntakeHoursBilledEvent event = new IntakeHoursBilledEvent(trajectory, clientId, session, date,
                new BigDecimal(hours));
        UUID eventId = UUID.randomUUID();
        byte[] message = mha.message(Agency.INSURER, codec.wrap(eventId, Agency.MENTAL_HEALTH, Instant.now(),
                new ConsentReference(consentId, Purpose.BILLING, Set.of(event.category())), event));
        if (!process(message)) {
            mha.answers().forEach(this::process); // the key arrives; the message is retried
        }
        return eventId;
    }

    /** Signed as the mental health agency signs in the demo profile this test runs under. */
    private boolean process(byte[] message) {
        return inbox.process(new InboundMessageProcessor.Delivered(TOPIC, message,
                DemoSigningKeys.signer(Agency.MENTAL_HEALTH).sign(TOPIC, message)));
    }
}
