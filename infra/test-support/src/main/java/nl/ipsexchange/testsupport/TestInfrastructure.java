package nl.ipsexchange.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.util.FileSystemUtils;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.kafka.KafkaContainer;

import nl.ipsexchange.infra.embedded.EmbeddedKafkaServer;
import nl.ipsexchange.infra.embedded.EmbeddedPostgresServer;
import nl.ipsexchange.infra.embedded.KafkaGrants;
import nl.ipsexchange.infra.embedded.KafkaLogin;
import nl.ipsexchange.infra.embedded.ServiceDatabase;
import nl.ipsexchange.kernel.KafkaAccess;
import nl.ipsexchange.kernel.Topics;

/**
 * The one place that decides where integration tests get PostgreSQL and Kafka from:
 * <ul>
 *   <li>Testcontainers ({@code postgres:17-alpine}, {@code apache/kafka:3.9.1} in KRaft mode) when a Docker engine
 *   answers;</li>
 *   <li>otherwise the embedded ones: zonky's real PostgreSQL binaries and a real KRaft broker in this JVM.</li>
 * </ul>
 * {@code IPS_TEST_INFRA} (environment) or {@code ips.test.infra} (system property) forces
 * {@code testcontainers} or {@code embedded}. Both are started once per JVM and shared by all test classes;
 * each test gets databases of its own ({@link #newDatabase}), a service's with its owner and runtime roles
 * ({@link #newServiceDatabase}); {@link #user} is the superuser, for tests that look into a database.
 */
public final class TestInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static TestInfrastructure instance;

    private final String mode;
    private final String jdbcBase;
    private final String user;
    private final String password;
    private final Function<String, KafkaLogin> kafkaLogins;
    private final AutoCloseable[] resources;

    private TestInfrastructure(String mode, String jdbcBase, String user, String password,
                               Function<String, KafkaLogin> kafkaLogins, AutoCloseable... resources) {
        this.mode = mode;
        this.jdbcBase = jdbcBase;
        this.user = user;
        this.password = password;
        this.kafkaLogins = kafkaLogins;
        this.resources = resources;
    }

    public static synchronized TestInfrastructure get() {
        if (instance == null) {
            TestInfrastructure started = start();
            instance = started;
            // stopped by Spring Boot's shutdown hook, after it has closed the test JVM's application contexts: a
            // separate hook ran at the same time, and the contexts' event processors then waited for database
            // connections that no longer came, until surefire killed the JVM 30 s after its exit began
            SpringApplication.getShutdownHandlers().add(started::close);
            // Spring Boot adds its JVM hook only once an application has run in the JVM: a test JVM without one (the
            // plain JDBC and Kafka tests) left its PostgreSQL running after it ended, one more server per build. This
            // hook waits for Spring Boot's, where there is one, and then stops what is still running
            Runtime.getRuntime().addShutdownHook(new Thread(started::closeAfterSpringBoot, "test-infrastructure-stop"));
        }
        return instance;
    }

    /** Spring Boot's JVM shutdown hook thread, present while it closes the application contexts. */
    static final String SPRING_BOOT_SHUTDOWN_HOOK = "SpringApplicationShutdownHook";

    private void closeAfterSpringBoot() {
        // JVM hooks start together, in no order: give Spring Boot's a moment to appear (looked for every 10 ms: each
        // look walks every thread's stack), then let it finish first
        long lookUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
        try {
            Thread springBoot = null;
            while (springBoot == null && System.nanoTime() < lookUntil) {
                springBoot = Thread.getAllStackTraces().keySet().stream()
                        .filter(thread -> SPRING_BOOT_SHUTDOWN_HOOK.equals(thread.getName())).findFirst()
                        .orElse(null);
                if (springBoot == null) {
                    Thread.sleep(10);
                }
            }
            if (springBoot != null) {
                springBoot.join(TimeUnit.SECONDS.toMillis(50)); // surefire allows 60 (pom.xml)
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close();
    }

    private static TestInfrastructure start() {
        String choice = System.getProperty("ips.test.infra", System.getenv().getOrDefault("IPS_TEST_INFRA", "auto"));
        boolean docker = useContainers(choice, TestInfrastructure::dockerAvailable);
        try {
            TestInfrastructure infrastructure = docker ? startContainers() : startEmbedded();
            log.info("integration tests use {} PostgreSQL and Kafka ({})", infrastructure.mode,
                    infrastructure.kafkaBootstrapServers());
            return infrastructure;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start test infrastructure", e);
        }
    }

    /**
     * The decision: {@code testcontainers} or {@code embedded} as asked, and for {@code auto} (the default)
     * Testcontainers exactly when a Docker engine answers. Anything else is refused, so that a typo does not quietly
     * pick one.
     */
    static boolean useContainers(String choice, BooleanSupplier dockerAvailable) {
        return switch (choice.trim().toLowerCase(Locale.ROOT)) {
            case "testcontainers" -> true;
            case "embedded" -> false;
            case "auto", "" -> dockerAvailable.getAsBoolean();
            default -> throw new IllegalArgumentException("ips.test.infra / IPS_TEST_INFRA is '" + choice
                    + "'; expected auto, testcontainers or embedded");
        };
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    /** The image's internal listener (plain, inside the container only), where the administrator is first made. */
    private static final String CONTAINER_INTERNAL_LISTENER = "localhost:9093";

    /**
     * The broker as in docker-compose.yml: SCRAM on the client port, the StandardAuthorizer, the administrator as super
     * user. The image's own broker and controller listeners stay plain inside the container (ANONYMOUS is a super user
     * there: the broker talks to itself); only the client port is published.
     */
    @SuppressWarnings("resource")
    private static TestInfrastructure startContainers() throws Exception {
        PostgreSQLContainer<?> postgres = new PostgreSQLContainer<>("postgres:17-alpine")
                .withCommand("postgres", "-c", "max_connections=300", "-c", "fsync=off");
        Map<String, String> passwords = new HashMap<>();
        passwords.put(KafkaAccess.ADMIN, KafkaGrants.newPassword());
        KafkaAccess.users().forEach(service -> passwords.put(service, KafkaGrants.newPassword()));
        KafkaContainer kafka = new KafkaContainer("apache/kafka:3.9.1")
                .withEnv("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP",
                        "BROKER:PLAINTEXT,PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT")
                .withEnv("KAFKA_SASL_ENABLED_MECHANISMS", KafkaAccess.MECHANISM)
                .withEnv("KAFKA_LISTENER_NAME_PLAINTEXT_SCRAM___SHA___512_SASL_JAAS_CONFIG",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required;")
                .withEnv("KAFKA_AUTHORIZER_CLASS_NAME", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                .withEnv("KAFKA_SUPER_USERS", "User:" + KafkaAccess.ADMIN + ";User:ANONYMOUS")
                .withEnv("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND", "false");
        postgres.start();
        kafka.start();
        ExecResult admin = kafka.execInContainer("/opt/kafka/bin/kafka-configs.sh", "--bootstrap-server",
                CONTAINER_INTERNAL_LISTENER, "--alter", "--entity-type", "users", "--entity-name", KafkaAccess.ADMIN,
                "--add-config", KafkaAccess.MECHANISM + "=[password=" + passwords.get(KafkaAccess.ADMIN) + "]");
        if (admin.getExitCode() != 0) {
            throw new IllegalStateException("the Kafka container's administrator could not be made: "
                    + admin.getStderr());
        }
        String bootstrapServers = kafka.getBootstrapServers();
        Function<String, KafkaLogin> logins = user -> login(bootstrapServers, passwords, user);
        String base = postgres.getJdbcUrl().substring(0, postgres.getJdbcUrl().lastIndexOf('/') + 1);
        TestInfrastructure infrastructure = new TestInfrastructure("Testcontainers", base, postgres.getUsername(),
                postgres.getPassword(), logins, kafka, postgres);
        try (Admin client = Admin.create(infrastructure.kafkaAdmin().properties())) {
            client.createTopics(topicsToCreate().stream()
                    .map(t -> new NewTopic(t, Topics.PARTITIONS, (short) 1))
                    .toList()).all().get();
            KafkaGrants.grant(client, passwords);
        }
        return infrastructure;
    }

    private static KafkaLogin login(String bootstrapServers, Map<String, String> passwords, String user) {
        String password = passwords.get(user);
        if (password == null) {
            throw new IllegalArgumentException("no Kafka user " + user);
        }
        return new KafkaLogin(bootstrapServers, user, password);
    }

    private static TestInfrastructure startEmbedded() throws Exception {
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(null, 0, true);
        EmbeddedKafkaServer kafka = EmbeddedKafkaServer.start(null, 0, true);
        TestInfrastructure infrastructure = new TestInfrastructure("embedded",
                "jdbc:postgresql://localhost:" + postgres.port() + "/", EmbeddedPostgresServer.USER,
                EmbeddedPostgresServer.PASSWORD, kafka::login, kafka, postgres);
        kafka.createTopics(topicsToCreate(), Topics.PARTITIONS);
        return infrastructure;
    }

    private static List<String> topicsToCreate() {
        return Topics.all();
    }

    /** "embedded" or "Testcontainers". */
    public String mode() {
        return mode;
    }

    public String kafkaBootstrapServers() {
        return kafkaAdmin().bootstrapServers();
    }

    /** The broker's administrator (a super user): for the tests' own clients, which look at every topic. */
    public KafkaLogin kafkaAdmin() {
        return kafkaLogins.apply(KafkaAccess.ADMIN);
    }

    /** A service's own Kafka login, with only its ACLs ({@link KafkaAccess}). */
    public KafkaLogin kafkaLogin(String service) {
        return kafkaLogins.apply(service);
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /**
     * Creates a new, empty database whose name starts with {@code prefix}, owned by the superuser ({@link #user});
     * returns its JDBC URL. A service's database has roles of its own: {@link #newServiceDatabase}.
     */
    public String newDatabase(String prefix) {
        String name = uniqueName(prefix);
        try (Connection connection = DriverManager.getConnection(jdbcBase + "postgres", user, password)) {
            connection.createStatement().execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return jdbcBase + name;
    }

    /**
     * Creates a new, empty database whose name starts with {@code prefix}, with an owner role and a runtime role of
     * its own, as the stack's services have them (ADR 0033): {@link #jdbcUrl} for its URL.
     */
    public ServiceDatabase newServiceDatabase(String prefix) {
        ServiceDatabase database = ServiceDatabase.withNewPasswords(uniqueName(prefix));
        try {
            database.provision(jdbcBase, new ServiceDatabase.Login(user, password));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + database.name(), e);
        }
        return database;
    }

    private static String uniqueName(String prefix) {
        return (prefix + "_" + DATABASES.incrementAndGet() + "_" + ProcessHandle.current().pid())
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    }

    /** {@code jdbc:postgresql://host:port/}: a database's URL without its name. */
    public String jdbcBase() {
        return jdbcBase;
    }

    public String jdbcUrl(ServiceDatabase database) {
        return jdbcBase + database.name();
    }

    /**
     * Points one Spring Boot service under test at a new database of its own and at the shared broker,
     * with a consumer group of its own so that earlier tests' messages do not leak in.
     */
    public void register(DynamicPropertyRegistry registry, String serviceName) {
        ServiceDatabase database = newServiceDatabase(serviceName.replace('-', '_'));
        String url = jdbcUrl(database);
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", database.runtime()::user);
        registry.add("spring.datasource.password", database.runtime()::password);
        registry.add("spring.flyway.user", database.owner()::user);
        registry.add("spring.flyway.password", database.owner()::password);
        registry.add("spring.kafka.bootstrap-servers", this::kafkaBootstrapServers);
        // a service logs in as itself and gets only its own ACLs; anything else a test starts, as the administrator
        KafkaLogin kafka = KafkaAccess.users().contains(serviceName) ? kafkaLogin(serviceName) : kafkaAdmin();
        registry.add("ips.kafka.user", kafka::user);
        registry.add("ips.kafka.password", kafka::password);
        registry.add("spring.kafka.consumer.group-id", () -> serviceName + "-" + url.substring(url.lastIndexOf('/') + 1));
        // Tomcat's directory, which Spring Boot would make anew in the temporary directory and never remove
        Path tomcat = webServerDirectory(url.substring(url.lastIndexOf('/') + 1));
        registry.add("server.tomcat.basedir", tomcat::toString);
    }

    private Path webServerDirectories;

    /**
     * A directory of its own for one service's web server ({@code server.tomcat.basedir}), below one that is removed
     * when the tests end: Spring Boot's default, a new directory in the temporary directory, is never removed.
     */
    public synchronized Path webServerDirectory(String name) {
        try {
            if (webServerDirectories == null) {
                webServerDirectories = Files.createTempDirectory("ips-test-tomcat-");
            }
            return Files.createDirectories(webServerDirectories.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<String> topics() {
        return Topics.all();
    }

    private boolean closed;

    /** Stops the servers once, whichever hook comes first. */
    private synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                log.warn("could not stop {}", resource.getClass().getSimpleName());
            }
        }
        if (webServerDirectories != null) {
            try {
                FileSystemUtils.deleteRecursively(webServerDirectories);
            } catch (IOException e) {
                log.warn("could not remove {}: {}", webServerDirectories, e.getMessage());
            }
        }
    }
}
