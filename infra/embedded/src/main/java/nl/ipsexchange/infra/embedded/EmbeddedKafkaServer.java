package nl.ipsexchange.infra.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.security.plain.PlainLoginModule;
import org.apache.kafka.common.security.scram.ScramLoginModule;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import nl.ipsexchange.kernel.KafkaAccess;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller in one), run in this JVM from the
 * {@code kafka_2.13} artifact. With a data directory its logs and committed offsets survive restarts.
 *
 * <p>Every client authenticates (SASL/SCRAM-SHA-512) and is authorised by the {@code StandardAuthorizer} (ADR 34): the
 * administrator {@link KafkaAccess#ADMIN} is a super user, bootstrapped when the directory is formatted; at every start
 * it gives each service its SCRAM user and the ACLs of {@link KafkaAccess#SERVICES}. The passwords, made at random
 * when the directory is formatted, are kept in it ({@value #USERS_FILE}, readable by its owner only).
 */
public final class EmbeddedKafkaServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaServer.class);

    /** The users' passwords, in the log directory (Kafka loads only its subdirectories). */
    public static final String USERS_FILE = "ips-kafka-users.properties";

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final Path logDirectory;
    private final boolean temporary;
    private final Map<String, String> passwords;

    private EmbeddedKafkaServer(KafkaRaftServer server, String bootstrapServers, Path logDirectory,
                                boolean temporary, Map<String, String> passwords) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.logDirectory = logDirectory;
        this.temporary = temporary;
        this.passwords = passwords;
    }

    /**
     * @param dataDirectory where the broker keeps its logs; {@code null} for a throw-away broker
     * @param port          the client port; 0 for any free port
     * @param fresh         wipe an existing log directory first
     */
    public static EmbeddedKafkaServer start(Path dataDirectory, int port, boolean fresh) throws Exception {
        return start(dataDirectory, port, fresh, EmbeddedKafkaServer::freePorts);
    }

    /** Chooses {@code count} different ports that are free at the moment. */
    @FunctionalInterface
    interface PortChooser {
        int[] choose(int count) throws IOException;
    }

    /** How often the broker is started on newly chosen ports when one of those was taken before it could bind it. */
    static final int BIND_ATTEMPTS = 5;

    static EmbeddedKafkaServer start(Path dataDirectory, int port, boolean fresh, PortChooser ports)
            throws Exception {
        boolean temporary = dataDirectory == null;
        Path logs = temporary ? Files.createTempDirectory("ips-kafka-") : dataDirectory.toAbsolutePath();
        if (fresh && Files.exists(logs)) {
            deleteRecursively(logs);
        }
        Files.createDirectories(logs);
        Map<String, String> passwords;
        if (!Files.exists(logs.resolve("meta.properties"))) {
            passwords = passwords(Map.of());
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(1)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(logs.toString()))
                    .setMetadataLogDirectory(logs.toString())
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setControllerListenerName("CONTROLLER")
                    // the administrator exists from the first start on: it creates everything else
                    .setScramArguments(List.of(KafkaAccess.MECHANISM + "=[name=" + KafkaAccess.ADMIN + ",password="
                            + passwords.get(KafkaAccess.ADMIN) + "]"))
                    .run();
            storePasswords(logs, passwords);
            log.info("Kafka log directory {} formatted", logs);
        } else if (!Files.exists(logs.resolve(USERS_FILE))) {
            passwords = passwords(Map.of());
            addAdministrator(logs, passwords.get(KafkaAccess.ADMIN), ports);
            storePasswords(logs, passwords);
            log.info("Kafka log directory {} kept; it had no users yet, now it has", logs);
        } else {
            passwords = passwords(loadPasswords(logs));
            storePasswords(logs, passwords);
            log.info("Kafka log directory {} kept", logs);
        }
        // The ports are free when chosen and bound by the broker a moment later; anything in this JVM or on the machine
        // can take one in between (an outgoing connection gets its local port from the same range). Then the broker is
        // started again on newly chosen ports. A client port that was asked for is not replaced: one taken is an error.
        for (int attempt = 1; ; attempt++) {
            // two sockets held open together give two different ports; one after the other, the system may hand out
            // the same port twice (it did: "two listeners on the same port", a broker that never started)
            int[] free = ports.choose(2);
            int clientPort = port > 0 ? port : free[0];
            int controllerPort = free[1] != clientPort ? free[1] : free[0];
            KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(
                    secured(properties(logs, clientPort, controllerPort, temporary), passwords.get(KafkaAccess.ADMIN)),
                    false), Time.SYSTEM);
            try {
                startUp(server);
            } catch (RuntimeException e) {
                stopQuietly(server);
                boolean clientPortTaken = !isFree(clientPort);
                boolean taken = boundTooLate(e) || clientPortTaken || !isFree(controllerPort);
                RuntimeException failure = !taken ? e
                        : port > 0 && clientPortTaken
                        ? new IllegalStateException("Kafka cannot start: port " + port + " is in use", e)
                        : attempt == BIND_ATTEMPTS
                        ? new IllegalStateException("Kafka cannot start: a chosen port was taken before the broker"
                                + " bound it, " + attempt + " times", e)
                        : null;
                if (failure != null) {
                    if (temporary) {
                        deleteRecursively(logs);
                    }
                    throw failure;
                }
                log.info("Kafka's port {} or {} was taken before the broker bound it; choosing others", clientPort,
                        controllerPort);
                continue;
            }
            EmbeddedKafkaServer kafka = new EmbeddedKafkaServer(server, "127.0.0.1:" + clientPort, logs, temporary,
                    passwords);
            try {
                kafka.awaitReady(Duration.ofSeconds(60));
                kafka.grantServices();
            } catch (Exception | Error e) {
                kafka.close();
                throw e;
            }
            return kafka;
        }
    }

    /**
     * Starts the broker. A controller that fails to start (its port taken, say) ends the process in Kafka 3.9
     * ({@code ProcessTerminatingFaultHandler}); while starting, that end is turned into an exception, so that this JVM
     * (a test run, the local stack) can report it or try again. Afterwards Kafka's own handling applies again.
     */
    private static void startUp(KafkaRaftServer server) {
        synchronized (EmbeddedKafkaServer.class) {
            Exit.Procedure refuse = (code, message) -> {
                throw new IllegalStateException("the broker failed to start and would have ended the process"
                        + (message == null ? "" : ": " + message));
            };
            Exit.setHaltProcedure(refuse);
            Exit.setExitProcedure(refuse);
            try {
                server.startup();
            } finally {
                Exit.resetHaltProcedure();
                Exit.resetExitProcedure();
            }
        }
    }

    private static Properties properties(Path logs, int clientPort, int controllerPort, boolean temporary) {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + clientPort);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", logs.toString());
        props.put("num.partitions", "3");
        props.put("auto.create.topics.enable", "false");
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "5");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("log.retention.hours", "-1");
        props.put("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
        props.put("num.network.threads", "2");
        props.put("num.io.threads", "2");
        props.put("background.threads", "2");
        props.put("log.flush.interval.messages", temporary ? String.valueOf(Long.MAX_VALUE) : "1");
        props.put("log.dir.failure.timeout.ms", "5000");
        return props;
    }

    /**
     * The broker's settings with authentication and authorisation: clients and the broker itself (inter-broker) use
     * SCRAM on the client port; the controller's port takes only the administrator (PLAIN: SCRAM users live in the
     * metadata the controller serves, so they cannot log in to it). The administrator is the only super user.
     */
    private static Properties secured(Properties open, String adminPassword) {
        Properties props = new Properties();
        props.putAll(open);
        int clientPort = port(open.getProperty("advertised.listeners"));
        int controllerPort = port(open.getProperty("controller.quorum.voters"));
        props.put("listeners",
                "SASL_PLAINTEXT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "SASL_PLAINTEXT://127.0.0.1:" + clientPort);
        props.put("inter.broker.listener.name", "SASL_PLAINTEXT");
        props.put("listener.security.protocol.map", "SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT");
        props.put("sasl.enabled.mechanisms", KafkaAccess.MECHANISM);
        props.put("sasl.mechanism.inter.broker.protocol", KafkaAccess.MECHANISM);
        props.put("listener.name.sasl_plaintext." + KafkaAccess.MECHANISM.toLowerCase(Locale.ROOT)
                + ".sasl.jaas.config", KafkaLogin.jaas(ScramLoginModule.class.getName(), KafkaAccess.ADMIN, adminPassword));
        props.put("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
        props.put("sasl.mechanism.controller.protocol", "PLAIN");
        props.put("listener.name.controller.plain.sasl.jaas.config",
                PlainLoginModule.class.getName() + " required username=\"" + KafkaAccess.ADMIN + "\" password=\""
                        + adminPassword + "\" user_" + KafkaAccess.ADMIN + "=\"" + adminPassword + "\";");
        props.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        props.put("super.users", "User:" + KafkaAccess.ADMIN);
        props.put("allow.everyone.if.no.acl.found", "false");
        return props;
    }

    private static int port(String address) {
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }

    /**
     * A directory formatted before the broker had users (a local stack's kept data): started once as it was, open and
     * on loopback only, to give it its administrator; then it starts as every other.
     */
    private static void addAdministrator(Path logs, String adminPassword, PortChooser ports) throws Exception {
        int[] free = ports.choose(2);
        KafkaRaftServer open = new KafkaRaftServer(new KafkaConfig(properties(logs, free[0], free[1], false), false),
                Time.SYSTEM);
        try {
            startUp(open);
            try (Admin admin = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + free[0],
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000))) {
                admin.alterUserScramCredentials(List.of(KafkaGrants.upsert(KafkaAccess.ADMIN, adminPassword)))
                        .all().get(60, TimeUnit.SECONDS);
            }
        } finally {
            stopQuietly(open);
        }
    }

    /** Gives every service its SCRAM user and exactly the ACLs of {@link KafkaAccess#SERVICES}. */
    private void grantServices() throws InterruptedException, ExecutionException, TimeoutException {
        try (Admin admin = admin()) {
            KafkaGrants.grant(admin, passwords);
        }
    }

    /** The kept passwords, with one made for every user that has none yet. */
    private static Map<String, String> passwords(Map<String, String> kept) {
        Map<String, String> passwords = new LinkedHashMap<>(kept);
        List<String> users = new ArrayList<>(List.of(KafkaAccess.ADMIN));
        users.addAll(KafkaAccess.users());
        for (String user : users) {
            passwords.computeIfAbsent(user, missing -> KafkaGrants.newPassword());
        }
        return Map.copyOf(passwords);
    }


    private static Map<String, String> loadPasswords(Path logs) throws IOException {
        Properties stored = new Properties();
        try (Reader reader = Files.newBufferedReader(logs.resolve(USERS_FILE))) {
            stored.load(reader);
        }
        Map<String, String> passwords = new LinkedHashMap<>();
        stored.stringPropertyNames().forEach(user -> passwords.put(user, stored.getProperty(user)));
        return passwords;
    }

    private static void storePasswords(Path logs, Map<String, String> passwords) throws IOException {
        Path file = logs.resolve(USERS_FILE);
        if (!Files.exists(file)) {
            Files.createFile(file);
        }
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the directory's own permissions apply
        }
        Properties stored = new Properties();
        stored.putAll(passwords);
        try (Writer writer = Files.newBufferedWriter(file)) {
            stored.store(writer, "SCRAM users of this broker (ADR 34)");
        }
    }

    /**
     * {@code user}'s login to a broker that another process runs on {@code dataDirectory}, from the passwords kept
     * there (a test of the local stack's command looks into the stack's Kafka so).
     */
    public static KafkaLogin storedLogin(Path dataDirectory, String bootstrapServers, String user)
            throws IOException {
        String password = loadPasswords(dataDirectory.toAbsolutePath()).get(user);
        if (password == null) {
            throw new IllegalArgumentException("no Kafka user " + user + " in " + dataDirectory);
        }
        return new KafkaLogin(bootstrapServers, user, password);
    }

    /** The administrator: a super user, for the infrastructure and the tests' own clients. */
    public KafkaLogin adminLogin() {
        return login(KafkaAccess.ADMIN);
    }

    /** {@code user}'s login: the administrator's or a service's ({@link KafkaAccess#users()}). */
    public KafkaLogin login(String user) {
        String password = passwords.get(user);
        if (password == null) {
            throw new IllegalArgumentException("no Kafka user " + user);
        }
        return new KafkaLogin(bootstrapServers, user, password);
    }

    /** Whether the broker failed because a port it was to listen on was taken. */
    private static boolean boundTooLate(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void stopQuietly(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            log.debug("Stopping a broker that did not start failed too", e);
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Creates the topics that do not exist yet, with the given partition count and replication factor 1. */
    public void createTopics(Collection<String> topics, int partitions)
            throws InterruptedException, ExecutionException, TimeoutException {
        try (Admin admin = admin()) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.stream()
                    .filter(topic -> !existing.contains(topic))
                    .map(topic -> new NewTopic(topic, partitions, (short) 1))
                    .collect(Collectors.toList());
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
        }
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try (Admin admin = admin()) {
                if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                    return;
                }
            } catch (ExecutionException | TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Kafka broker did not become ready within " + timeout, e);
                }
            }
            Thread.sleep(200);
        }
    }

    private Admin admin() {
        return Admin.create(adminLogin().with(Map.of(
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000)));
    }

    @Override
    public void close() throws IOException {
        server.shutdown();
        server.awaitShutdown();
        if (temporary) {
            deleteRecursively(logDirectory);
        }
    }

    /** {@code count} different ports that were free a moment ago. */
    static int[] freePorts(int count) throws IOException {
        ServerSocket[] sockets = new ServerSocket[count];
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0);
                sockets[i].setReuseAddress(true);
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                if (socket != null) {
                    socket.close();
                }
            }
        }
    }

    static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
