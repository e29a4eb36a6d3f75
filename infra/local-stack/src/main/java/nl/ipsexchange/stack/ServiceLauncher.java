package nl.ipsexchange.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

import nl.ipsexchange.infra.embedded.KafkaLogin;
import nl.ipsexchange.infra.embedded.ServiceDatabase;
import nl.ipsexchange.platform.IpsApplication;
import nl.ipsexchange.platform.crypto.LocalKeyEncryptionKey;

/**
 * Boots one service as its own Spring Boot application (own context, own configuration file, own database,
 * own Kafka consumer group) inside this JVM, against the given PostgreSQL and Kafka.
 */
public final class ServiceLauncher {

    private static final Logger log = LoggerFactory.getLogger(ServiceLauncher.class);

    /** Tomcat's {@code Globals.CATALINA_HOME_PROP}. */
    private static final String CATALINA_HOME = "catalina.home";

    /**
     * Where the infrastructure is: the databases with their roles (ADR 0033), each service's Kafka login (its own
     * SCRAM user, ADR 34), and the directory that holds each service's key-encryption key ({@code <database>.kek},
     * created on first use and kept there).
     */
    public record Infrastructure(String jdbcBase, List<ServiceDatabase> databases,
                                 Function<String, KafkaLogin> kafka, Path keyDirectory) {

        public Infrastructure {
            databases = List.copyOf(databases);
        }

        public String jdbcUrl(String database) {
            return jdbcBase + database;
        }

        /** The database of that name with its roles. */
        public ServiceDatabase database(String name) {
            return databases.stream().filter(database -> database.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no roles for the database " + name));
        }

        /** The file of the key-encryption key of the service on that database, created when it does not exist. */
        public Path keyEncryptionKeyFile(String database) {
            return LocalKeyEncryptionKey.createFile(keyDirectory.resolve(database + ".kek"));
        }
    }

    private ServiceLauncher() {
    }

    /** A running service. */
    public record RunningService(ServiceDefinition definition, ConfigurableApplicationContext context,
                                 Path tomcatDirectory) {

        public int port() {
            return ((WebServerApplicationContext) context).getWebServer().getPort();
        }

        public String baseUrl() {
            return "http://localhost:" + port();
        }

        /** Stops the service and removes its web server's working directory. */
        public void stop() {
            context.close();
            remove(definition, tomcatDirectory);
        }
    }

    private static void remove(ServiceDefinition service, Path tomcatDirectory) {
        try {
            FileSystemUtils.deleteRecursively(tomcatDirectory);
        } catch (IOException e) {
            log.warn("{}'s working directory {} could not be removed: {}", service.name(), tomcatDirectory,
                    e.getMessage());
        }
    }

    /**
     * The first embedded Tomcat in a JVM makes its own directory the JVM's {@code catalina.home}, and every later one
     * creates that directory again when it is missing: a service stopped and removed would get its directory back
     * from the next service to start. So this JVM's Tomcats get a home of their own, empty, removed when it exits.
     */
    private static synchronized void keepTomcatHomeApart() throws IOException {
        if (System.getProperty(CATALINA_HOME) == null) {
            Path home = Files.createTempDirectory("ips-tomcat-home-");
            home.toFile().deleteOnExit();
            System.setProperty(CATALINA_HOME, home.toString());
        }
    }

    public static RunningService start(ServiceDefinition service, Infrastructure infrastructure, String database,
                                       int port, List<String> extraArguments) {
        // a working directory of its own that stop() removes: Spring Boot's default, a new temporary directory on
        // every start, is never removed (a directory in it is not empty when the JVM exits), so each start of the
        // local stack or a test left five behind
        Path tomcatDirectory;
        try {
            keepTomcatHomeApart();
            tomcatDirectory = Files.createTempDirectory("ips-tomcat-" + service.database() + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ServiceDatabase roles = infrastructure.database(database);
        List<String> args = new ArrayList<>(List.of(
                "--server.port=" + port,
                "--server.tomcat.basedir=" + tomcatDirectory,
                "--spring.datasource.url=" + infrastructure.jdbcUrl(database),
                "--spring.datasource.username=" + roles.runtime().user(),
                "--spring.datasource.password=" + roles.runtime().password(),
                "--spring.flyway.user=" + roles.owner().user(),
                "--spring.flyway.password=" + roles.owner().password(),
                "--ips.crypto.kek-file=" + infrastructure.keyEncryptionKeyFile(database)));
        args.addAll(infrastructure.kafka().apply(service.name()).serviceArguments());
        args.addAll(extraArguments);
        ConfigurableApplicationContext context;
        try {
            context = IpsApplication.builder(service.application(), service.name())
                    .registerShutdownHook(false)
                    .run(args.toArray(String[]::new));
        } catch (RuntimeException | Error e) {
            remove(service, tomcatDirectory);
            throw e;
        }
        return new RunningService(service, context, tomcatDirectory);
    }
}
