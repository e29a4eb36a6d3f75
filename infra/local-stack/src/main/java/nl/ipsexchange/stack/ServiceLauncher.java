package nl.ipsexchange.stack;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import nl.ipsexchange.platform.IpsApplication;

/**
 * Boots one service as its own Spring Boot application (own context, own configuration file, own database,
 * own Kafka consumer group) inside this JVM, against the given PostgreSQL and Kafka.
 */
public final class ServiceLauncher {

    /** Where the infrastructure is, and which extra settings every service gets. */
    public record Infrastructure(String jdbcBase, String user, String password, String kafkaBootstrapServers) {

        public String jdbcUrl(String database) {
            return jdbcBase + database;
        }
    }

    private ServiceLauncher() {
    }

    /** A running service. */
    public record RunningService(ServiceDefinition definition, ConfigurableApplicationContext context) {

        public int port() {
            return ((WebServerApplicationContext) context).getWebServer().getPort();
        }

        public String baseUrl() {
            return "http://localhost:" + port();
        }

        public void stop() {
            context.close();
        }
    }

    public static RunningService start(ServiceDefinition service, Infrastructure infrastructure, String database,
                                       int port, List<String> extraArguments) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=" + port,
                "--spring.datasource.url=" + infrastructure.jdbcUrl(database),
                "--spring.datasource.username=" + infrastructure.user(),
                "--spring.datasource.password=" + infrastructure.password(),
                "--spring.kafka.bootstrap-servers=" + infrastructure.kafkaBootstrapServers()));
        args.addAll(extraArguments);
        ConfigurableApplicationContext context = IpsApplication.builder(service.application(), service.name())
                .registerShutdownHook(false)
                .run(args.toArray(String[]::new));
        return new RunningService(service, context);
    }
}
