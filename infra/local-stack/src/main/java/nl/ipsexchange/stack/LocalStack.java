package nl.ipsexchange.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;

import nl.ipsexchange.infra.embedded.EmbeddedKafkaServer;
import nl.ipsexchange.infra.embedded.EmbeddedPostgresServer;
import nl.ipsexchange.infra.embedded.KafkaLogin;
import nl.ipsexchange.infra.embedded.ServiceDatabase;
import nl.ipsexchange.kernel.KafkaAccess;
import nl.ipsexchange.kernel.Topics;
import nl.ipsexchange.stack.ServiceLauncher.RunningService;

/**
 * The local stack, the embedded default: a real PostgreSQL (zonky's binaries) and a real Kafka broker in KRaft
 * mode, the five databases and the topics, and the five services on 8081..8085 with the demo users. Data is kept
 * in {@code .local-stack/} (git-ignored) across restarts unless started fresh. Ctrl-C stops everything.
 *
 * <p>On first start (no clients yet) it loads the demo covenant through the public API ({@link DemoCovenant}; off with
 * {@code -Dips.stack.demo-data=false}).
 *
 * <p>System properties: {@code ips.stack.dir}, {@code ips.stack.fresh}, {@code ips.stack.postgres-port} (15432),
 * {@code ips.stack.kafka-port} (19092), {@code ips.stack.base-port} (8081), {@code ips.stack.profiles} (demo).
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

    private final EmbeddedPostgresServer postgres;
    private final EmbeddedKafkaServer kafka;
    private final List<RunningService> services;

    private LocalStack(EmbeddedPostgresServer postgres, EmbeddedKafkaServer kafka, List<RunningService> services) {
        this.postgres = postgres;
        this.kafka = kafka;
        this.services = services;
    }

    /** The system property that chooses Spring Boot's logging system; {@code none}: logback configures itself once. */
    public static final String LOGGING_SYSTEM = "org.springframework.boot.logging.LoggingSystem";

    public static void main(String[] args) throws Exception {
        // one logging configuration for the whole JVM (logback.xml of this module), not one per service
        System.setProperty(LOGGING_SYSTEM, "none");
        Path dir = Path.of(System.getProperty("ips.stack.dir", ".local-stack")).toAbsolutePath().normalize();
        boolean fresh = Boolean.parseBoolean(System.getProperty("ips.stack.fresh", "false"));
        long started = System.nanoTime();
        LocalStack stack;
        try {
            stack = start(dir, fresh,
                    Integer.getInteger("ips.stack.postgres-port", 15432),
                    Integer.getInteger("ips.stack.kafka-port", 19092),
                    Integer.getInteger("ips.stack.base-port", 8081),
                    System.getProperty("ips.stack.profiles", "demo"));
        } catch (Exception | Error e) {
            // start has stopped whatever did come up; exit rather than wait for a thread nobody stopped
            log.error("The IPS Exchange local stack could not start", e);
            System.exit(1);
            return;
        }
        Duration startup = Duration.ofNanos(System.nanoTime() - started);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping the IPS Exchange local stack...");
            stack.close();
            stopped.countDown();
        }, "local-stack-stop"));
        stack.printSummary(dir, startup);
        if (Boolean.parseBoolean(System.getProperty("ips.stack.demo-data", "true"))) {
            // a newcomer sees a living system: on first start, load the demo covenant through the public API
            try {
                int clients = new DemoCovenant(stack.baseUrls()).loadIfEmpty();
                if (clients > 0) {
                    System.out.println("Demo covenant loaded: " + clients + " clients with trajectories at every stage.");
                }
            } catch (RuntimeException e) {
                log.warn("the demo covenant could not be loaded completely: {}", e.getMessage());
            }
        }
        stopped.await();
    }

    /**
     * Starts PostgreSQL, Kafka and the five services, two at a time. The JVM's logging must be set up once, not by
     * each service: with Spring Boot's logging system (property {@link #LOGGING_SYSTEM} not {@code none}, as
     * {@link #main} sets it), two services setting up logback at once can fail ({@code ConcurrentModificationException}).
     * When anything fails, whatever did come up is stopped and the failure is thrown.
     */
    public static LocalStack start(Path dir, boolean fresh, int postgresPort, int kafkaPort, int basePort,
                                   String profiles) throws Exception {
        Files.createDirectories(dir);
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dir.resolve("postgres"), postgresPort, fresh);
        EmbeddedKafkaServer kafka = null;
        List<RunningService> services = Collections.synchronizedList(new ArrayList<>());
        try {
            // the superuser only creates the databases and each service's roles, with passwords new at every start
            List<ServiceDatabase> databases = ServiceDefinition.ALL.stream()
                    .map(service -> ServiceDatabase.withNewPasswords(service.database())).toList();
            postgres.provision(databases);
            kafka = EmbeddedKafkaServer.start(dir.resolve("kafka"), kafkaPort, fresh);
            kafka.createTopics(Topics.all(), Topics.PARTITIONS);
            Path keys = dir.resolve("keys");
            if (fresh) {
                FileSystemUtils.deleteRecursively(keys); // new databases: their keys go with the old ones
            }
            ServiceLauncher.Infrastructure infrastructure = new ServiceLauncher.Infrastructure(
                    "jdbc:postgresql://localhost:" + postgres.port() + "/", databases, kafka::login, keys);
            List<String> arguments = List.of("--spring.profiles.active=" + profiles,
                    "--spring.datasource.hikari.maximum-pool-size=5");
            // two at a time; once one fails, the ones not begun yet never begin, and the ones under way are
            // waited for, so that every service that did come up is in the list the failure closes below
            ExecutorService starter = Executors.newFixedThreadPool(2);
            AtomicBoolean abandoned = new AtomicBoolean();
            try {
                List<Future<?>> starting = new ArrayList<>();
                for (ServiceDefinition service : ServiceDefinition.ALL) {
                    int port = basePort + ServiceDefinition.ALL.indexOf(service);
                    starting.add(starter.submit(() -> {
                        if (!abandoned.get()) {
                            services.add(ServiceLauncher.start(service, infrastructure, service.database(), port,
                                    arguments));
                        }
                        return null;
                    }));
                }
                for (Future<?> service : starting) {
                    service.get();
                }
            } catch (Exception | Error e) {
                abandoned.set(true);
                throw e;
            } finally {
                starter.shutdown();
                if (abandoned.get() && !starter.awaitTermination(5, TimeUnit.MINUTES)) {
                    log.warn("a service was still starting five minutes after another one failed to");
                }
            }
            services.sort((a, b) -> Integer.compare(a.port(), b.port()));
            return new LocalStack(postgres, kafka, List.copyOf(services));
        } catch (Exception | Error e) {
            // an Error too (a class missing from the class path, out of memory): nothing may stay running
            new LocalStack(postgres, kafka, List.copyOf(services)).close();
            throw e;
        }
    }

    public List<RunningService> services() {
        return services;
    }

    /** The broker's administrator (a super user), for tools that look at every topic. */
    public KafkaLogin kafkaAdmin() {
        return kafka.adminLogin();
    }

    /** Service name -> base URL. */
    public Map<String, String> baseUrls() {
        Map<String, String> urls = new LinkedHashMap<>();
        services.forEach(service -> urls.put(service.definition().name(), service.baseUrl()));
        return urls;
    }

    private void printSummary(Path dir, Duration startup) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%nIPS Exchange local stack is up (%.1f s, JVM resident memory %d MiB)%n",
                startup.toMillis() / 1000.0, residentMemoryMiB()));
        for (RunningService service : services) {
            out.append(String.format(Locale.ROOT, "  %-22s %s   (health: %s/actuator/health, API: %s/v3/api-docs)%n",
                    service.definition().name(), service.baseUrl(), service.baseUrl(), service.baseUrl()));
        }
        out.append(String.format(Locale.ROOT, "  %-22s jdbc:postgresql://localhost:%d/{mental_health,benefits,"
                + "municipality,insurer,audit}%n    (each service logs in as <database>_app, migrations run as "
                + "<database>_owner, passwords new at every start;\n    user postgres, password postgres, the "
                + "superuser, only creates them)%n", "PostgreSQL", postgres.port()));
        out.append(String.format(Locale.ROOT, "  %-22s %s (each service's key-encryption key for its data keys)%n",
                "keys", dir.resolve("keys")));
        out.append(String.format(Locale.ROOT, "  %-22s %s (topics: %s)%n", "Kafka (KRaft)",
                kafka.bootstrapServers(), String.join(", ", Topics.all())));
        out.append(String.format(Locale.ROOT, "  %-22s SASL/SCRAM-SHA-512, one per service and %s; passwords in %s%n",
                "Kafka users", KafkaAccess.ADMIN, dir.resolve("kafka").resolve(EmbeddedKafkaServer.USERS_FILE)));
        out.append(String.format(Locale.ROOT, "  %-22s %s (kept across restarts; -Dstack.fresh=true starts "
                + "fresh)%n", "data", dir));
        out.append("  Demo users (password 'demo'): mha.clinician, mha.specialist, mha.director, "
                + "benefits.labour-expert,\n    benefits.physician, benefits.manager, municipality.case-manager, "
                + "municipality.adviser, insurer.adviser, audit.auditor;\n    each service's technical administrator: "
                + "mha.admin, benefits.admin, municipality.admin, insurer.admin, audit.admin\n");
        out.append("Press Ctrl-C to stop.\n");
        System.out.println(out);
    }

    static long residentMemoryMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: report the heap instead
        }
        Runtime runtime = Runtime.getRuntime();
        return (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024);
    }

    @Override
    public void close() {
        List<RunningService> reversed = new ArrayList<>(services);
        Collections.reverse(reversed);
        for (RunningService service : reversed) {
            try {
                service.stop();
            } catch (RuntimeException e) {
                log.warn("could not stop {} cleanly", service.definition().name());
            }
        }
        try {
            if (kafka != null) {
                kafka.close();
            }
        } catch (Exception e) {
            log.warn("could not stop Kafka cleanly");
        }
        try {
            postgres.close();
        } catch (Exception e) {
            log.warn("could not stop PostgreSQL cleanly");
        }
    }
}
