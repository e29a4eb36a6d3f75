package nl.ipsexchange.municipality;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import com.fasterxml.jackson.databind.JsonNode;

import nl.ipsexchange.funding.command.FundingCommands.ApproveFundingCommand;
import nl.ipsexchange.funding.command.FundingCommands.ReceiveFundingApplicationCommand;
import nl.ipsexchange.funding.command.FundingCommands.RecordPlacementCommand;
import nl.ipsexchange.infra.embedded.ServiceDatabase;
import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.BenefitType;
import nl.ipsexchange.kernel.consent.ConsentTerms;
import nl.ipsexchange.kernel.fidelity.FidelityBand;
import nl.ipsexchange.kernel.funding.Placement;
import nl.ipsexchange.platform.IpsApplication;
import nl.ipsexchange.testsupport.ApiClient;
import nl.ipsexchange.testsupport.FormLogin;
import nl.ipsexchange.testsupport.TestInfrastructure;

/**
 * The covenant is data with a version (ADR 48): the municipality approves a trajectory under the default covenant,
 * stops, and starts again on the same database with another covenant configured (other amounts, an earlier cap,
 * another version). The running trajectory keeps its amounts and periods, also when a later fact has its schedule
 * worked out again; a new approval uses the new version. Two instances of its own, one after the other.
 */
class CovenantVersionRestartTest {

    private static final LocalDate TODAY = LocalDate.now(ConsentTerms.ZONE);
    /** The running trajectory's start: two months ago, so that a job's bonus month is already complete. */
    private static final LocalDate RUNNING_START = TODAY.minusMonths(2);
    private static final LocalDate NEW_START = TODAY.minusDays(20);

    /** The next covenant, in force from today: other amounts, a 12-month cap instead of 18, a higher bonus. */
    private static final List<String> NEXT_COVENANT = List.of(
            "--ips.funding.agreement.version=2027.1",
            "--ips.funding.agreement.effective-from=" + TODAY,
            "--ips.funding.agreement.municipality.start=1000",
            "--ips.funding.agreement.municipality.final-payment=1100",
            "--ips.funding.agreement.municipality.final-after-months=12",
            "--ips.funding.agreement.municipality.placement-bonus=2000");

    private final TestInfrastructure infrastructure = TestInfrastructure.get();
    private final ServiceDatabase database = infrastructure.newServiceDatabase("municipality_covenant");

    @Test
    void aRunningTrajectoryKeepsItsAmountsAfterARestartWithAnotherCovenantAndANewApprovalUsesIt() throws Exception {
        String running = UUID.randomUUID().toString();
        try (ConfigurableApplicationContext first = start(List.of())) {
            approve(first, running, RUNNING_START);

            assertThat(lines(first, running)).containsExactly(
                    "START 900 " + RUNNING_START,
                    "THREE_MONTHS 900 " + RUNNING_START.plusMonths(3),
                    "FINAL 900 " + RUNNING_START.plusMonths(18));
            assertThat(covenantVersion(first, running)).isEqualTo("2025.1");
        }

        String approvedAfter = UUID.randomUUID().toString();
        try (ConfigurableApplicationContext second = start(NEXT_COVENANT)) {
            // a fact that has the running schedule worked out again: a job whose bonus month is complete
            second.getBean(CommandGateway.class).sendAndWait(new RecordPlacementCommand(running, new Placement("p-1",
                    true, new BigDecimal("20"), new BigDecimal("1500"), RUNNING_START.plusDays(1), null), TODAY));
            approve(second, approvedAfter, NEW_START);

            assertThat(lines(second, running)).as("the running trajectory keeps the terms of 2025.1").containsExactly(
                    "START 900 " + RUNNING_START,
                    "PLACEMENT_BONUS 1800 " + RUNNING_START.plusDays(1).plusMonths(1),
                    "THREE_MONTHS 900 " + RUNNING_START.plusMonths(3),
                    "FINAL 900 " + RUNNING_START.plusMonths(18));
            assertThat(covenantVersion(second, running)).isEqualTo("2025.1");
            assertThat(lines(second, approvedAfter)).as("a new approval is under 2027.1").containsExactly(
                    "START 1000 " + NEW_START,
                    "THREE_MONTHS 900 " + NEW_START.plusMonths(3),
                    "FINAL 1100 " + NEW_START.plusMonths(12));
            assertThat(covenantVersion(second, approvedAfter)).isEqualTo("2027.1");
            assertThat(fundingPage(second)).as("the version an approval now pins, and each approval's")
                    .contains("decided under covenant <span>2027.1</span>", "(covenant 2025.1)", "(covenant 2027.1)");
        }
    }

    /** An application received and approved (a GOOD review of its team, as the fidelity gate would find). */
    private static void approve(ConfigurableApplicationContext instance, String applicationId, LocalDate start) {
        CommandGateway commands = instance.getBean(CommandGateway.class);
        commands.sendAndWait(new ReceiveFundingApplicationCommand(applicationId, UUID.randomUUID().toString(),
                Agency.MUNICIPALITY, BenefitType.SOCIAL_ASSISTANCE, start.minusDays(14), start.minusDays(7)));
        commands.sendAndWait(new ApproveFundingCommand(applicationId, start, FidelityBand.GOOD, TODAY));
    }

    /** The trajectory's active lines as the API shows them: type, amount, due date. */
    private static List<String> lines(ConfigurableApplicationContext instance, String trajectoryId) {
        List<String> lines = new ArrayList<>();
        for (JsonNode line : caseManager(instance).get("/api/trajectories/" + trajectoryId + "/payments").json()) {
            if (!line.get("status").asText().equals("CANCELLED")) {
                lines.add(line.get("type").asText() + " " + line.get("amount").decimalValue().stripTrailingZeros()
                        .toPlainString() + " " + line.get("dueDate").asText());
            }
        }
        return lines;
    }

    private static String covenantVersion(ConfigurableApplicationContext instance, String applicationId) {
        Map<String, String> versions = new LinkedHashMap<>();
        for (JsonNode application : caseManager(instance).get("/api/funding-applications").json()) {
            versions.put(application.get("applicationId").asText(), application.get("covenantVersion").asText());
        }
        return versions.get(applicationId);
    }

    private static ApiClient caseManager(ConfigurableApplicationContext instance) {
        return ApiClient.as(base(instance), "municipality.case-manager");
    }

    private static String base(ConfigurableApplicationContext instance) {
        return "http://localhost:" + ((WebServerApplicationContext) instance).getWebServer().getPort();
    }

    /** The funding page as a case manager's browser gets it: the login form (with its CSRF token), then the page. */
    private static String fundingPage(ConfigurableApplicationContext instance) throws Exception {
        return FormLogin.page(base(instance), "municipality.case-manager", "/funding");
    }

    /** An instance on this test's database (demo users, a free port), with these settings in front. */
    private ConfigurableApplicationContext start(List<String> settings) {
        String url = infrastructure.jdbcUrl(database);
        List<String> arguments = new ArrayList<>(settings);
        arguments.addAll(List.of("--spring.profiles.active=demo", "--server.port=0",
                "--server.tomcat.basedir=" + infrastructure.webServerDirectory(database.name()),
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + database.runtime().user(),
                "--spring.datasource.password=" + database.runtime().password(),
                "--spring.flyway.user=" + database.owner().user(),
                "--spring.flyway.password=" + database.owner().password(),
                // its consumer group starts with its Kafka user's name, as its ACL requires
                "--spring.kafka.consumer.group-id=" + MunicipalityApplication.SERVICE_NAME + "-" + database.name(),
                "--spring.datasource.hikari.maximum-pool-size=4"));
        arguments.addAll(infrastructure.kafkaLogin(MunicipalityApplication.SERVICE_NAME).serviceArguments());
        return IpsApplication.builder(MunicipalityApplication.class, MunicipalityApplication.SERVICE_NAME)
                .registerShutdownHook(false)
                .run(arguments.toArray(String[]::new));
    }
}
