package nl.ipsexchange.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import nl.ipsexchange.infra.embedded.EmbeddedKafkaServer;
import nl.ipsexchange.infra.embedded.KafkaLogin;
import nl.ipsexchange.kernel.KafkaAccess;
import nl.ipsexchange.kernel.Topics;
import nl.ipsexchange.platform.crypto.StatusPseudonyms;
import nl.ipsexchange.testsupport.ApiClient;
import nl.ipsexchange.testsupport.ChildJvm;
import nl.ipsexchange.testsupport.TestBsns;

/**
 * The README's run command, as a process: the JVM that {@code ./mvnw -Pstack ...} starts (its options are read from
 * the {@code stack} profile of this module's pom), on the default ports 8081..8085 whenever they are free. It comes up
 * with all five services healthy, stops cleanly on Ctrl-C (SIGINT), keeps its data across a restart without
 * processing anything twice, and forgets everything — databases and Kafka — when started fresh.
 */
class LocalStackCommandTest {

    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Pattern UP = Pattern.compile(
            "IPS Exchange local stack is up \\(([\\d.]+) s, JVM resident memory (\\d+) MiB\\)");

    private final Path dir = createTempDirectory();
    private final Ports ports = Ports.choose();
    private Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();

    @Test
    void theRunCommandStartsAllFiveServicesStopsOnCtrlCKeepsItsDataAndStartsFreshWhenAsked() throws Exception {
        Set<String> workingDirectoriesBefore = workingDirectories();
        // first start: every service healthy, with its database and Kafka, on base..base+4
        start(false);
        for (ServiceDefinition service : ServiceDefinition.ALL) {
            FiveServices.awaitHealthy(url(service), service.name());
        }
        assertThat(String.join("\n", output)).contains(url(ServiceDefinition.AUDIT));

        ApiClient.Response registered = ApiClient.as(url(ServiceDefinition.MENTAL_HEALTH_AGENCY), "mha.clinician")
                .post("/api/clients", """
                        {"name":"Restart Test","bsn":"111222333","dateOfBirth":"1985-03-04","benefit":"DISABILITY",
                         "municipality":"Utrecht"}""");
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        String clientId = registered.json().get("clientId").asText();
        FiveServices.await(() -> statusEvents(clientId) == 1, "the registration reaches the benefits agency");
        // refused commands are answers to the user: the stack's own log configuration must not print their traces
        ApiClient clinician = ApiClient.as(url(ServiceDefinition.MENTAL_HEALTH_AGENCY), "mha.clinician");
        String consent = "{\"recipients\":[\"%s\"],\"categories\":[\"IDENTIFICATION\"],"
                + "\"purposes\":[\"FUNDING_DECISION\"],\"validFrom\":\"%s\",\"validUntil\":\"%s\"}";
        LocalDate today = FiveServices.today();
        assertThat(clinician.post("/api/clients/" + clientId + "/consents",
                consent.formatted("MENTAL_HEALTH", today, today.plusDays(30))).status()).isEqualTo(400);
        assertThat(clinician.post("/api/clients/" + clientId + "/consents",
                consent.formatted("BENEFITS", today.minusDays(9), today.minusDays(1))).status()).isEqualTo(400);
        assertThat(String.join("\n", output)).as("the stack's log after two refused consents")
                .doesNotContain("RuleViolationException", "\tat org.axonframework");

        // Ctrl-C: a clean stop, nothing left listening
        stopWithCtrlC();
        assertThat(String.join("\n", output)).contains("Stopping the IPS Exchange local stack...")
                .doesNotContain("Exception");
        assertThat(listening(ports.base())).isFalse();
        assertThat(listening(ports.postgres())).isFalse();
        assertThat(listening(ports.kafka())).isFalse();
        assertThat(workingDirectories()).as("the services' web server directories are removed")
                .isEqualTo(workingDirectoriesBefore);

        // restart, not fresh: the client is still there, and nothing was processed twice
        start(false);
        ApiClient.Response kept = ApiClient.as(url(ServiceDefinition.MENTAL_HEALTH_AGENCY), "mha.clinician")
                .get("/api/clients/" + clientId);
        assertThat(kept.status()).as(kept.body()).isEqualTo(200);
        assertThat(kept.json().get("name").asText()).isEqualTo("Restart Test");
        // a registration after the restart reaching the benefits agency shows its consumer running again: it has
        // fetched its partitions from where it was, and would have (wrongly) consumed the first record again by now
        ApiClient.Response after = ApiClient.as(url(ServiceDefinition.MENTAL_HEALTH_AGENCY), "mha.clinician")
                .post("/api/clients", """
                        {"name":"After Restart","bsn":"%s","dateOfBirth":"1986-03-04","benefit":"DISABILITY",
                         "municipality":"Utrecht"}""".formatted(TestBsns.random()));
        assertThat(after.status()).as(after.body()).isEqualTo(201);
        String afterId = after.json().get("clientId").asText();
        FiveServices.await(() -> statusEvents(afterId) == 1, "a registration after the restart reaches the benefits "
                + "agency");
        assertThat(statusEvents(clientId)).isEqualTo(1);
        assertThat(statusRecords()).isPositive();
        stopWithCtrlC();

        // fresh: the databases and Kafka's log are new
        start(true);
        assertThat(ApiClient.as(url(ServiceDefinition.MENTAL_HEALTH_AGENCY), "mha.clinician")
                .get("/api/clients/" + clientId).status()).isEqualTo(404);
        assertThat(statusEvents(clientId)).isZero();
        assertThat(statusRecords()).isZero();
        stopWithCtrlC();
    }

    @AfterEach
    void stopAndRemove() throws IOException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
        remove(dir);
    }

    /** The names of the services' web server working directories in the temporary directory ({@code ServiceLauncher}). */
    static Set<String> workingDirectories() throws IOException {
        try (Stream<Path> paths = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return paths.map(path -> path.getFileName().toString())
                    .filter(name -> name.startsWith("ips-tomcat-") && !name.startsWith("ips-tomcat-home-"))
                    .collect(Collectors.toSet());
        }
    }

    /** Deletes a directory and everything in it. */
    static void remove(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    private void start(boolean fresh) throws Exception {
        output.clear();
        List<String> command = new ArrayList<>();
        command.add(ChildJvm.java());
        for (String argument : runCommandJvmArguments()) {
            command.add(argument.replace("${stack.dir}", dir.toString())
                    .replace("${stack.fresh}", Boolean.toString(fresh)));
        }
        command.addAll(List.of("-Dips.stack.demo-data=false", // the demo covenant has a test of its own
                "-Dips.stack.postgres-port=" + ports.postgres(), "-Dips.stack.kafka-port=" + ports.kafka(),
                "-Dips.stack.base-port=" + ports.base(),
                "@" + ChildJvm.classPathArgumentFile(dir), LocalStack.class.getName()));
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    output.add(line);
                }
            } catch (IOException closed) {
                // the process ended
            }
        }, "local-stack-output");
        reader.setDaemon(true);
        reader.start();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        Matcher up = null;
        while (up == null) {
            assertThat(process.isAlive()).as("the stack exited early:\n" + String.join("\n", output)).isTrue();
            assertThat(System.nanoTime()).as("the stack did not come up:\n" + String.join("\n", output))
                    .isLessThan(deadline);
            up = output.stream().map(UP::matcher).filter(Matcher::find).findFirst().orElse(null);
            Thread.sleep(200);
        }
        System.out.printf("[local stack] up in %s s, JVM resident memory %s MiB (fresh=%s, ports %d..%d)%n",
                up.group(1), up.group(2), fresh, ports.base(), ports.base() + 4);
    }

    /**
     * Ctrl-C is SIGINT. A JVM started with SIGINT ignored keeps ignoring it, and so does every process it starts: a
     * build that a non-interactive shell put in the background has it ignored (as {@code SigIgn} in
     * {@code /proc/self/status} shows), and the stack would never see the signal. There the test stops it with
     * SIGTERM, which runs the same shutdown hooks and ends with status 143 instead of 130.
     */
    private static final boolean INTERRUPT_IGNORED = ignored(2);

    private static boolean ignored(int signal) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("SigIgn:")) {
                    return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & (1L << (signal - 1))) != 0;
                }
            }
        } catch (IOException | RuntimeException notLinux) {
            // no /proc: assume the signal reaches the stack as a terminal's Ctrl-C does
        }
        return false;
    }

    private void stopWithCtrlC() throws Exception {
        Process kill = new ProcessBuilder("kill", INTERRUPT_IGNORED ? "-TERM" : "-INT", Long.toString(process.pid()))
                .start();
        assertThat(kill.waitFor()).isZero();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            // what it waits for: its threads (in the test's output) and what it said last
            System.out.println("[local stack] not stopped a minute after Ctrl-C; its threads:\n"
                    + threadDump(process.pid()));
            List<String> said = List.copyOf(output);
            fail("not stopped within a minute of Ctrl-C; its last output:\n"
                    + String.join("\n", said.subList(Math.max(0, said.size() - 40), said.size())));
        }
        // 130: the JVM's exit status after SIGINT once its shutdown hooks ran (the pom counts it as success)
        assertThat(process.exitValue()).as(String.join("\n", output)).isEqualTo(INTERRUPT_IGNORED ? 143 : 130);
    }

    /** The threads of a running JVM, by {@code jcmd} next to this JVM's {@code java}. */
    private static String threadDump(long pid) throws Exception {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid), "Thread.print").redirectErrorStream(true).start();
        String dump = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        jcmd.waitFor(30, TimeUnit.SECONDS);
        return dump;
    }

    /** The JVM options of the README's run command: the {@code stack} profile's exec arguments in this module's pom. */
    private static List<String> runCommandJvmArguments() throws Exception {
        var document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(MODULE.resolve("pom.xml")
                .toFile());
        NodeList executions = document.getElementsByTagName("execution");
        for (int i = 0; i < executions.getLength(); i++) {
            Element execution = (Element) executions.item(i);
            if (!"run-local-stack".equals(execution.getElementsByTagName("id").item(0).getTextContent())) {
                continue;
            }
            List<String> arguments = new ArrayList<>();
            NodeList nodes = execution.getElementsByTagName("argument");
            for (int a = 0; a < nodes.getLength(); a++) {
                String argument = nodes.item(a).getTextContent().trim();
                if (argument.startsWith("-") && !argument.equals("-classpath")) {
                    arguments.add(argument);
                }
            }
            assertThat(arguments).contains("-Dips.stack.dir=${stack.dir}", "-Dips.stack.fresh=${stack.fresh}");
            return arguments;
        }
        throw new AssertionError("no run-local-stack execution in " + MODULE.resolve("pom.xml"));
    }

    private String url(ServiceDefinition service) {
        return "http://localhost:" + (ports.base() + ServiceDefinition.ALL.indexOf(service));
    }

    /** The client's registrations at the benefits agency, named by the mental health agency's demo pseudonym. */
    private long statusEvents(String clientId) {
        String subject = StatusPseudonyms.demo(ServiceDefinition.MENTAL_HEALTH_AGENCY.name()).client(clientId);
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://localhost:" + ports.postgres()
                + "/" + ServiceDefinition.BENEFITS_AGENCY.database(), "postgres", "postgres");
             PreparedStatement query = connection.prepareStatement(
                     "select count(*) from status_event where subject = ?")) {
            query.setString(1, subject);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Records on {@code ips.status} (end offsets of all its partitions). */
    private long statusRecords() throws Exception {
        KafkaLogin kafka = EmbeddedKafkaServer.storedLogin(dir.resolve("kafka"), "127.0.0.1:" + ports.kafka(),
                KafkaAccess.ADMIN);
        try (Admin admin = Admin.create(kafka.properties())) {
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            for (int p = 0; p < Topics.PARTITIONS; p++) {
                request.put(new TopicPartition(Topics.STATUS, p), OffsetSpec.latest());
            }
            return admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).values().stream()
                    .mapToLong(o -> o.offset()).sum();
        }
    }

    static boolean listening(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            socket.setReuseAddress(true);
            return false;
        } catch (IOException taken) {
            return true;
        }
    }

    private static Path createTempDirectory() {
        try {
            return Files.createTempDirectory("ips-local-stack-command");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The README's ports (8081..8085, PostgreSQL 15432, Kafka 19092) when free; otherwise free ones. */
    record Ports(int base, int postgres, int kafka) {

        static Ports choose() {
            Ports readme = new Ports(8081, 15432, 19092);
            if (readme.allFree()) {
                return readme;
            }
            for (int attempt = 0; attempt < 50; attempt++) {
                try {
                    Ports other = new Ports(ChildJvm.freePort(), ChildJvm.freePort(), ChildJvm.freePort());
                    if (other.allFree()) {
                        System.out.println("[local stack] the README's ports are taken here; using " + other);
                        return other;
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
            throw new IllegalStateException("no five consecutive free ports found");
        }

        boolean allFree() {
            for (int port = base; port < base + 5; port++) {
                if (listening(port)) {
                    return false;
                }
            }
            return !listening(postgres) && !listening(kafka);
        }
    }
}
