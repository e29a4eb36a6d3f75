package nl.ipsexchange.municipality;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;

import nl.ipsexchange.funding.command.FundingCommands.ApproveFundingCommand;
import nl.ipsexchange.funding.command.FundingCommands.ReceiveFundingApplicationCommand;
import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.BenefitType;
import nl.ipsexchange.kernel.consent.ConsentTerms;
import nl.ipsexchange.testsupport.ApiClient;

/**
 * A funder records what it paid through {@code POST /api/funding-applications/{id}/payments} and reads its statement
 * through {@code GET /api/payment-statement}, against a real PostgreSQL and Kafka: a payment of a line that fell due
 * shows on the line with its date and reference and in the statement; bad input is a 400 problem naming the field,
 * a line not due a 409, and neither changes anything.
 */
@MunicipalityTest
class PaymentsApiTest {

    private static final LocalDate TODAY = LocalDate.now(ConsentTerms.ZONE);
    private static final LocalDate START = TODAY.minusDays(20);

    @LocalServerPort
    int port;

    @Autowired
    CommandGateway commands;

    @Autowired
    JdbcTemplate jdbc;

    private ApiClient caseManager;
    private String applicationId;

    @BeforeEach
    void anApprovedApplication() {
        caseManager = ApiClient.as("http://localhost:" + port, "municipality.case-manager");
        applicationId = UUID.randomUUID().toString();
        commands.sendAndWait(new ReceiveFundingApplicationCommand(applicationId, UUID.randomUUID().toString(),
                Agency.MUNICIPALITY, BenefitType.SOCIAL_ASSISTANCE, START.minusDays(14), START.minusDays(7)));
        commands.sendAndWait(new ApproveFundingCommand(applicationId, START, TODAY));
    }

    private JsonNode line(String type) {
        for (JsonNode line : caseManager.get("/api/trajectories/" + applicationId + "/payments").json()) {
            if (type.equals(line.get("type").asText())) {
                return line;
            }
        }
        throw new AssertionError("no " + type + " line");
    }

    private String pay(String lineId, LocalDate paidOn, String reference) {
        return "{\"lineId\":\"%s\",\"paidOn\":\"%s\",\"reference\":\"%s\"}".formatted(lineId, paidOn, reference);
    }

    private int events() {
        return jdbc.queryForObject("select count(*) from domain_event_entry", Integer.class);
    }

    @Test
    void aPaymentOfALineThatFellDueShowsOnTheLineAndInTheStatement() {
        String start = line("START").get("lineId").asText();

        ApiClient.Response paid = caseManager.post("/api/funding-applications/" + applicationId + "/payments",
                pay(start, TODAY.minusDays(1), "BV-2026-0042"));

        assertThat(paid.status()).as(paid.body()).isEqualTo(200);
        JsonNode line = line("START");
        assertThat(line.get("status").asText()).isEqualTo("PAID");
        assertThat(line.get("paidOn").asText()).isEqualTo(TODAY.minusDays(1).toString());
        assertThat(line.get("reference").asText()).isEqualTo("BV-2026-0042");
        assertThat(caseManager.post("/api/funding-applications/" + applicationId + "/payments",
                pay(start, TODAY.minusDays(1), "BV-2026-0042")).status()).as("the same payment again").isEqualTo(200);

        ApiClient.Response statement = caseManager.get("/api/payment-statement?from=" + START + "&to=" + TODAY);
        assertThat(statement.status()).as(statement.body()).isEqualTo(200);
        JsonNode mine = null;
        for (JsonNode trajectory : statement.json().get("trajectories")) {
            if (applicationId.equals(trajectory.get("trajectoryId").asText())) {
                mine = trajectory;
            }
        }
        assertThat(mine).as("the trajectory is on the statement").isNotNull();
        assertThat(mine.get("owed").decimalValue()).isEqualByComparingTo("900");
        assertThat(mine.get("paid").decimalValue()).isEqualByComparingTo("900");
        assertThat(mine.get("outstanding").decimalValue()).isEqualByComparingTo("0");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no reference        | START        | 1  |              | reference",
            "paid in the future  | START        | -1 | BV-1         | paidOn",
            "an unknown line     | NO_SUCH_LINE | 1  | BV-1         | lineId"})
    void badInputIsA400NamingTheFieldAndChangesNothing(String name, String type, int daysAgo, String reference,
                                                       String field) {
        String lineId = type.equals("NO_SUCH_LINE") ? applicationId + ":NOPE" : line(type).get("lineId").asText();
        int events = events();

        ApiClient.Response refused = caseManager.post("/api/funding-applications/" + applicationId + "/payments",
                pay(lineId, TODAY.minusDays(daysAgo), reference == null ? "" : reference));

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.isProblem()).isTrue();
        assertThat(refused.json().get("detail").asText()).startsWith(field);
        assertThat(events()).isEqualTo(events);
        assertThat(line("START").get("status").asText()).isEqualTo("DUE");
    }

    @Test
    void aLineNotYetDueIsA409AndStaysScheduled() {
        String threeMonths = line("THREE_MONTHS").get("lineId").asText();

        ApiClient.Response refused = caseManager.post("/api/funding-applications/" + applicationId + "/payments",
                pay(threeMonths, TODAY, "BV-9"));

        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.json().get("detail").asText()).isEqualTo("the line is not due until "
                + START.plusMonths(3));
        assertThat(line("THREE_MONTHS").get("status").asText()).isEqualTo("SCHEDULED");
    }

    @ParameterizedTest(name = "from {0} to {1}")
    @CsvSource({"2026-05-01, 2026-04-30, to", "2026-05-01, 2036-05-02, to", "someday, 2026-05-01, from"})
    void aStatementOfABadPeriodIsA400NamingTheParameter(String from, String to, String parameter) {
        ApiClient.Response refused = caseManager.get("/api/payment-statement?from=" + from + "&to=" + to);

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.isProblem()).isTrue();
        assertThat(refused.json().get("detail").asText()).contains(parameter);
    }
}
