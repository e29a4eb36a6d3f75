package nl.ipsexchange.mha;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import nl.ipsexchange.infra.embedded.ServiceDatabase;
import nl.ipsexchange.platform.IpsApplication;
import nl.ipsexchange.testsupport.ApiClient;
import nl.ipsexchange.testsupport.TestInfrastructure;

/**
 * A database of its own for a test that starts (and stops, and starts again) mental health agency instances itself,
 * on the shared embedded PostgreSQL and Kafka, rather than sharing the cached Spring test context.
 */
public final class MhaOnItsOwnDatabase {

    private final TestInfrastructure infrastructure = TestInfrastructure.get();
    private final ServiceDatabase database;
    private final String url;
    private final JdbcTemplate jdbc;

    public MhaOnItsOwnDatabase(String databasePrefix) {
        this.database = infrastructure.newServiceDatabase(databasePrefix);
        this.url = infrastructure.jdbcUrl(database);
        this.jdbc = new JdbcTemplate(new DriverManagerDataSource(url, infrastructure.user(),
                infrastructure.password()));
    }

    /** The instance's database, read directly (as the superuser). */
    public JdbcTemplate jdbc() {
        return jdbc;
    }

    /** Starts an instance on this database (demo users, a free port), with the extra configuration given. */
    public ConfigurableApplicationContext start(Class<?>... extraConfiguration) {
        return start(List.of("--spring.profiles.active=demo"), extraConfiguration);
    }

    /** Starts an instance on this database (a free port) with these arguments (a profile, settings) in front. */
    public ConfigurableApplicationContext start(List<String> arguments, Class<?>... extraConfiguration) {
        List<String> all = new ArrayList<>(arguments);
        all.addAll(List.of("--server.port=0",
                "--server.tomcat.basedir=" + infrastructure.webServerDirectory(database.name()),
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + database.runtime().user(),
                "--spring.datasource.password=" + database.runtime().password(),
                "--spring.flyway.user=" + database.owner().user(),
                "--spring.flyway.password=" + database.owner().password(),
                // its consumer group starts with its Kafka user's name, as its ACL requires
                "--spring.kafka.consumer.group-id=" + MentalHealthAgencyApplication.SERVICE_NAME + "-"
                        + database.name(),
                "--spring.datasource.hikari.maximum-pool-size=4"));
        all.addAll(infrastructure.kafkaLogin(MentalHealthAgencyApplication.SERVICE_NAME).serviceArguments());
        return IpsApplication.builder(MentalHealthAgencyApplication.class, MentalHealthAgencyApplication.SERVICE_NAME)
                .sources(extraConfiguration)
                .registerShutdownHook(false)
                .run(all.toArray(String[]::new));
    }

    /** The API of a started instance, as a clinician of the agency. */
    public static ApiClient clinician(ConfigurableApplicationContext instance) {
        return ApiClient.as("http://localhost:"
                + ((WebServerApplicationContext) instance).getWebServer().getPort(), "mha.clinician");
    }
}
