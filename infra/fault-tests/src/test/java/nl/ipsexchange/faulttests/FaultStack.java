package nl.ipsexchange.faulttests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

import nl.ipsexchange.infra.embedded.EmbeddedKafkaServer;
import nl.ipsexchange.infra.embedded.EmbeddedPostgresServer;
import nl.ipsexchange.infra.embedded.KafkaLogin;
import nl.ipsexchange.infra.embedded.ServiceDatabase;
import nl.ipsexchange.kernel.KafkaAccess;
import nl.ipsexchange.kernel.Topics;
import nl.ipsexchange.stack.LocalStack;
import nl.ipsexchange.stack.ServiceDefinition;
import nl.ipsexchange.stack.ServiceLauncher.RunningService;
import nl.ipsexchange.stack.ServiceLauncher;
import nl.ipsexchange.testsupport.ApiClient;
import nl.ipsexchange.testsupport.ChildJvm;

/**
 * The fault suite's own platform: an embedded PostgreSQL and an embedded Kafka broker in fresh temporary directories
 * on free ports (never the shared test infrastructure: these are stopped and restarted), and the five services, each
 * on a fixed free port. The services to be killed run as child JVMs ({@link ServiceProcessMain}); the others run in
 * this JVM. Each service's database can be looked into directly.
 */
final class FaultStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FaultStack.class);

    private final Path root;
    private final Path logDirectory;
    private final int postgresPort;
    private final int kafkaPort;
    private final Map<ServiceDefinition, Integer> ports = new LinkedHashMap<>();
    private final Set<ServiceDefinition> childProcesses;
    private final Map<ServiceDefinition, Process> processes = new ConcurrentHashMap<>();
    private final Map<ServiceDefinition, RunningService> inProcess = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** One connection per service's database for the suite's own queries (autocommit: each query sees the latest). */
    private final Map<ServiceDefinition, Object[]> connections = new ConcurrentHashMap<>();
    private final Path javaArguments;
    /** Each service's database with its roles (passwords new for each suite). */
    private final List<ServiceDatabase> databases = ServiceDefinition.ALL.stream()
            .map(service -> ServiceDatabase.withNewPasswords(service.database())).toList();
    private volatile EmbeddedPostgresServer postgres;
    private volatile EmbeddedKafkaServer kafka;
    /** The Kafka users' passwords, kept in the broker's directory: the same while it is down and after a restart. */
    private final Map<String, String> kafkaPasswords = new ConcurrentHashMap<>();

    private FaultStack(Path root, Path logDirectory, Set<ServiceDefinition> childProcesses) throws IOException {
        this.root = root;
        this.logDirectory = logDirectory;
        this.childProcesses = Set.copyOf(childProcesses);
        this.postgresPort = ChildJvm.freePort();
        this.kafkaPort = ChildJvm.freePort();
        for (ServiceDefinition service : ServiceDefinition.ALL) {
            ports.put(service, ChildJvm.freePort());
        }
        this.javaArguments = ChildJvm.classPathArgumentFile(root);
    }

    /** Starts PostgreSQL, Kafka and the five services; {@code childProcesses} run in JVMs of their own. */
    static FaultStack start(Set<ServiceDefinition> childProcesses) throws Exception {
        // one logging configuration for this JVM (logback-test.xml), not one per in-process service
        System.setProperty(LocalStack.LOGGING_SYSTEM, "none");
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        Path logs = Path.of(System.getProperty("ips.fault.log-dir", "target/fault-logs")).toAbsolutePath();
        Files.createDirectories(logs);
        FaultStack stack = new FaultStack(Files.createTempDirectory("ips-fault-suite-"), logs, childProcesses);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "fault-stack-stop"));
        try {
            stack.startPostgres(true);
            stack.postgres.provision(stack.databases);
            stack.startKafka(true);
            stack.kafka.createTopics(Topics.all(), Topics.PARTITIONS);
            for (ServiceDefinition service : ServiceDefinition.ALL) {
                if (childProcesses.contains(service)) {
                    stack.startService(service);
                }
            }
            for (ServiceDefinition service : ServiceDefinition.ALL) {
                if (!childProcesses.contains(service)) {
                    stack.startService(service);
                }
            }
            for (ServiceDefinition service : ServiceDefinition.ALL) {
                stack.awaitHealthy(service, Duration.ofMinutes(3));
            }
            return stack;
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
    }

    // ---------------------------------------------------------------------------------------------- the services

    String baseUrl(ServiceDefinition service) {
        return "http://localhost:" + ports.get(service);
    }

    ApiClient as(ServiceDefinition service, String user) {
        return ApiClient.as(baseUrl(service), user);
    }

    boolean runsAsChildProcess(ServiceDefinition service) {
        return childProcesses.contains(service);
    }

    void startService(ServiceDefinition service) throws IOException {
        List<String> arguments = List.of("--spring.profiles.active=demo",
                "--spring.kafka.consumer.group-id=" + service.name(),
                "--spring.datasource.hikari.maximum-pool-size=5");
        if (!childProcesses.contains(service)) {
            inProcess.put(service, ServiceLauncher.start(service, infrastructure(), service.database(),
                    ports.get(service), arguments));
            return;
        }
        List<String> command = new ArrayList<>(List.of(
                ChildJvm.java(),
                "-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Daxoniq.update-checker.disabled=true",
                "-D" + LocalStack.LOGGING_SYSTEM + "=none",
                "-Dlogback.configurationFile=logback-child.xml",
                // a killed process cannot remove its web server directory: let it leave that in the suite's root
                "-Djava.io.tmpdir=" + childTemporaryDirectory(),
                "@" + javaArguments,
                ServiceProcessMain.class.getName(),
                service.name(), String.valueOf(ports.get(service)), infrastructure().jdbcBase(),
                kafkaBootstrapServers()));
        command.addAll(arguments);
        Path logFile = logDirectory.resolve(service.name() + ".log");
        Files.writeString(logFile, "---- started by the fault suite ----\n", StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        ProcessBuilder builder = new ProcessBuilder(command);
        // the service's Kafka password in its environment, as in any deployment, not on its command line
        builder.environment().put("IPS_KAFKA_PASSWORD", kafkaLogin(service.name()).password());
        // the database roles and the key file as a deployment passes them: in the environment (ips-platform.yml)
        ServiceDatabase roles = infrastructure().database(service.database());
        builder.environment().put("IPS_DB_USER", roles.runtime().user());
        builder.environment().put("IPS_DB_PASSWORD", roles.runtime().password());
        builder.environment().put("IPS_DB_OWNER", roles.owner().user());
        builder.environment().put("IPS_DB_OWNER_PASSWORD", roles.owner().password());
        builder.environment().put("IPS_KEK_FILE",
                infrastructure().keyEncryptionKeyFile(service.database()).toString());
        Process process = builder
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        processes.put(service, process);
        log.debug("started {} as process {}", service.name(), process.pid());
    }

    private Path childTemporaryDirectory() throws IOException {
        return Files.createDirectories(root.resolve("tmp"));
    }

    /** SIGKILL: no shutdown hook, no graceful stop; whatever was in flight is cut off. */
    void killAbruptly(ServiceDefinition service) throws InterruptedException {
        Process process = processes.remove(service);
        if (process == null) {
            throw new IllegalStateException(service.name() + " does not run as a child process");
        }
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(service.name() + " (pid " + process.pid() + ") did not die");
        }
    }

    boolean healthy(ServiceDefinition service) {
        try {
            ApiClient.Response health = ApiClient.anonymous(baseUrl(service)).get("/actuator/health");
            return health.status() == 200 && "UP".equals(health.json().path("status").asText());
        } catch (RuntimeException e) {
            return false;
        }
    }

    void awaitHealthy(ServiceDefinition service, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!healthy(service)) {
            Process process = processes.get(service);
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException(service.name() + " exited with " + process.exitValue()
                        + "; see " + logDirectory.resolve(service.name() + ".log"));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(service.name() + " did not become healthy within " + timeout);
            }
            sleep(250);
        }
    }

    // ---------------------------------------------------------------------------------------- PostgreSQL and Kafka

    void startPostgres(boolean fresh) throws IOException {
        postgres = EmbeddedPostgresServer.start(root.resolve("postgres"), postgresPort, fresh);
    }

    void stopPostgres() throws IOException {
        EmbeddedPostgresServer running = postgres;
        postgres = null;
        running.close();
    }

    void startKafka(boolean fresh) throws Exception {
        Exception last = null;
        for (int attempt = 0; attempt < 10; attempt++) {
            try {
                kafka = EmbeddedKafkaServer.start(root.resolve("kafka"), kafkaPort, fresh);
                kafkaPasswords.put(KafkaAccess.ADMIN, kafka.adminLogin().password());
                KafkaAccess.users().forEach(user -> kafkaPasswords.put(user, kafka.login(user).password()));
                return;
            } catch (Exception e) {
                // the port may not be free again yet right after a stop
                last = e;
                sleep(1000);
            }
        }
        throw last;
    }

    void stopKafka() throws IOException {
        EmbeddedKafkaServer running = kafka;
        kafka = null;
        running.close();
    }

    /** The broker's administrator; its password is kept in the broker's directory, so it survives a restart. */
    KafkaLogin kafkaAdmin() {
        return kafkaLogin(KafkaAccess.ADMIN);
    }

    private KafkaLogin kafkaLogin(String user) {
        return new KafkaLogin(kafkaBootstrapServers(), user, kafkaPasswords.get(user));
    }

    String kafkaBootstrapServers() {
        return "127.0.0.1:" + kafkaPort;
    }

    ServiceLauncher.Infrastructure infrastructure() {
        return new ServiceLauncher.Infrastructure("jdbc:postgresql://localhost:" + postgresPort + "/", databases,
                this::kafkaLogin, root.resolve("keys"));
    }

    Admin admin() {
        return Admin.create(kafkaAdmin().with(Map.of(
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000)));
    }

    // ------------------------------------------------------------------------------ looking into a service's database

    /** Every row of a query on the service's own database, each row as its columns' text. */
    List<List<String>> rows(ServiceDefinition service, String sql, Object... parameters) {
        try {
            return rowsOnce(service, sql, parameters);
        } catch (DatabaseUnavailableException stale) {
            // a kept connection that PostgreSQL closed at a restart fails once; a new one answers if it is up again
            return rowsOnce(service, sql, parameters);
        }
    }

    private List<List<String>> rowsOnce(ServiceDefinition service, String sql, Object... parameters) {
        synchronized (connections.computeIfAbsent(service, s -> new Object[1])) {
            Object[] cached = connections.get(service);
            try {
                if (cached[0] == null) {
                    String url = infrastructure().jdbcUrl(service.database()) + "?connectTimeout=3&socketTimeout=30";
                    cached[0] = DriverManager.getConnection(url, EmbeddedPostgresServer.USER,
                            EmbeddedPostgresServer.PASSWORD);
                }
                try (PreparedStatement statement = ((Connection) cached[0]).prepareStatement(sql)) {
                    for (int i = 0; i < parameters.length; i++) {
                        statement.setObject(i + 1, parameters[i]);
                    }
                    try (ResultSet result = statement.executeQuery()) {
                        int columns = result.getMetaData().getColumnCount();
                        List<List<String>> rows = new ArrayList<>();
                        while (result.next()) {
                            List<String> row = new ArrayList<>(columns);
                            for (int c = 1; c <= columns; c++) {
                                row.add(result.getString(c));
                            }
                            rows.add(row);
                        }
                        return rows;
                    }
                }
            } catch (SQLException e) {
                // a broken connection (PostgreSQL restarted) is opened anew next time
                try {
                    if (cached[0] != null) {
                        ((Connection) cached[0]).close();
                    }
                } catch (SQLException ignored) {
                    // it is gone anyway
                }
                cached[0] = null;
                throw new DatabaseUnavailableException(service.name() + ": " + e.getMessage(), e);
            }
        }
    }

    /** The first column of every row. */
    List<String> column(ServiceDefinition service, String sql, Object... parameters) {
        return rows(service, sql, parameters).stream().map(row -> row.get(0)).collect(Collectors.toList());
    }

    long count(ServiceDefinition service, String sql, Object... parameters) {
        List<String> values = column(service, sql, parameters);
        return values.isEmpty() || values.get(0) == null ? 0 : Long.parseLong(values.get(0));
    }

    /** A query failed: the database is down or restarting (or the SQL is wrong: the message says which). */
    static final class DatabaseUnavailableException extends RuntimeException {
        DatabaseUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    // ---------------------------------------------------------------------------------------------------- the end

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        connections.values().forEach(cached -> {
            try {
                if (cached[0] != null) {
                    ((Connection) cached[0]).close();
                }
            } catch (SQLException ignored) {
                // closing anyway
            }
        });
        for (Map.Entry<ServiceDefinition, Process> child : processes.entrySet()) {
            child.getValue().destroyForcibly();
        }
        for (Process process : processes.values()) {
            try {
                process.waitFor(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
        for (RunningService service : inProcess.values()) {
            try {
                service.stop();
            } catch (RuntimeException e) {
                log.warn("could not stop {} cleanly: {}", service.definition().name(), e.getMessage());
            }
        }
        inProcess.clear();
        try {
            if (kafka != null) {
                kafka.close();
            }
        } catch (Exception e) {
            log.warn("could not stop Kafka cleanly: {}", e.getMessage());
        }
        try {
            if (postgres != null) {
                postgres.close();
            }
        } catch (Exception e) {
            log.warn("could not stop PostgreSQL cleanly: {}", e.getMessage());
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            log.warn("could not remove {}: {}", root, e.getMessage());
        }
    }

    // ---------------------------------------------------------------------------------------------------- helpers

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
