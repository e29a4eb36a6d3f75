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
import nl.ipsexchange.kernel.funding.Placement;
import nl.ipsexchange.platform.IpsApplication;
import nl.ipsexchange.testsupport.ApiClient;
import nl.ipsexchange.testsupport.FormLogin;
import nl.ipsexchange.testsupport.TestInfrastructure;

/**
 * The covenant is data with versions (ADRs 48, 52): the municipality approves a trajectory under the default covenant,
 * stops, and starts again on the same database with two versions added: one in force from today (other amounts, an
 * earlier cap) and one loaded a year ahead. The running trajectory keeps its amounts and periods, also when a later
 * fact has its schedule worked out again; a new approval uses the version in force today, not the one loaded ahead;
 * the page and the API list the versions and the one in force. Two instances of its own, one after the other.
 */
class CovenantVersionRestartTest {

    private static final LocalDate TODAY = LocalDate.now(ConsentTerms.ZONE);
    /** The running trajectory's start: two months ago, so that a job's bonus month is already complete. */
    private static final LocalDate RUNNING_START = TODAY.minusMonths(2);
    private static final LocalDate NEW_START = TODAY.minusDays(20);

    /**
     * The next version, in force from today: other amounts, a 12-month cap instead of 18, a higher bonus; and the one
     * after it, loaded a year ahead of its day.
     */
    private static final List<String> TWO_MORE_VERSIONS = new ArrayList<>();

    static {
        TWO_MORE_VERSIONS.addAll(version(0, "2027.1", TODAY, "1000", "1100", "12", "2000"));
        TWO_MORE_VERSIONS.addAll(version(1, "2028.1", TODAY.plusYears(1), "1200", "1200", "18", "2200"));
    }

    /** A complete later version (each names every amount: nothing is inherited), the benefits agency's part as ever. */
    private static List<String> version(int index, String name, LocalDate from, String start, String finalPayment,
                                        String finalAfterMonths, String bonus) {
        String prefix = "--ips.funding.agreement.later-versions[" + index + "].";
        List<String> settings = new ArrayList<>(List.of(prefix + "version=" + name, prefix + "effective-from=" + from,
                prefix + "municipality.start=" + start, prefix + "municipality.three-months=900",
                prefix + "municipality.final-payment=" + finalPayment,
                prefix + "municipality.final-after-months=" + finalAfterMonths,
                prefix + "municipality.placement-bonus=" + bonus, prefix + "municipality.bonus-window-months=9",
                prefix + "municipality.bonus-min-hours-per-week=12", prefix + "municipality.bonus-min-job-months=1"));
        for (String benefits : List.of("start=2420", "final-payment=2420", "final-after-months=36",
                "placement-bonus=1210", "bonus-min-hours-per-week=12", "bonus-min-wage-percent=35",
                "bonus-min-job-months=2", "job-coaching-hourly-tariff=62.50")) {
            settings.add(prefix + "benefits." + benefits);
        }
        return settings;
    }

    private final TestInfrastructure infrastructure = TestInfrastructure.get();
    private final ServiceDatabase database = infrastructure.newServiceDatabase("municipality_covenant");

    @Test
    void aRunningTrajectoryKeepsItsAmountsAfterARestartWithAddedVersionsAndANewApprovalUsesTheOneInForce()
            throws Exception {
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
        try (ConfigurableApplicationContext second = start(TWO_MORE_VERSIONS)) {
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
            assertThat(lines(second, approvedAfter)).as("a new approval is under 2027.1, in force today")
                    .containsExactly(
                            "START 1000 " + NEW_START,
                            "THREE_MONTHS 900 " + NEW_START.plusMonths(3),
                            "FINAL 1100 " + NEW_START.plusMonths(12));
            assertThat(covenantVersion(second, approvedAfter)).isEqualTo("2027.1");

            JsonNode versions = caseManager(second).get("/api/covenant-versions").json();
            assertThat(versions.get("inForceToday").asText()).isEqualTo("2027.1");
            assertThat(versions.get("versions")).extracting(v -> v.get("version").asText() + " "
                            + v.get("effectiveFrom").asText() + ".." + v.path("effectiveUntil").asText("") + " "
                            + v.get("inForceToday").asBoolean())
                    .containsExactly("2025.1 2025-01-01.." + TODAY.minusDays(1) + " false",
                            "2027.1 " + TODAY + ".." + TODAY.plusYears(1).minusDays(1) + " true",
                            "2028.1 " + TODAY.plusYears(1) + ".. false");
            assertThat(fundingPage(second)).as("the versions, the one an approval now pins, and each approval's")
                    .contains("covenant <span>2027.1</span>, the version in force today", "<td>2028.1</td>",
                            "not yet", "(covenant 2025.1)", "(covenant 2027.1)");
        }
    }

    /** An application received and approved (a GOOD review of its team, as the fidelity gate would find). */
    private static void approve(ConfigurableApplicationContext instance, String applicationId, LocalDate start) {
        CommandGateway commands = instance.getBean(CommandGateway.class);
        commands.sendAndWait(new ReceiveFundingApplicationCommand(applicationId, UUID.randomUUID().toString(),
                Agency.MUNICIPALITY, BenefitType.SOCIAL_ASSISTANCE, start.minusDays(14), start.minusDays(7)));
        commands.sendAndWait(new ApproveFundingCommand(applicationId, start, TODAY));
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
