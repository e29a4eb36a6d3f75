package nl.ipsexchange.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import nl.ipsexchange.kernel.KafkaAccess;
import nl.ipsexchange.kernel.Topics;

/**
 * No Docker engine runs here, so {@code docker compose up} cannot be tried; this reads docker-compose.yml and
 * checks that every service module is in it, built from its own Dockerfile, with its own database and Kafka.
 */
class DockerComposeTest {

    private static final Path ROOT = findRoot();

    @Test
    @SuppressWarnings("unchecked")
    void everyServiceModuleRunsFromItsOwnDockerfileWithItsDatabaseAndKafka() throws IOException {
        Map<String, Object> services = section(compose(), "services");

        for (ServiceDefinition service : ServiceDefinition.ALL) {
            Map<String, Object> entry = section(services, service.name());
            Map<String, Object> build = section(entry, "build");
            String dockerfile = (String) build.get("dockerfile");
            assertThat(dockerfile).isEqualTo("services/" + service.name() + "/Dockerfile");
            assertThat(ROOT.resolve(dockerfile)).exists();
            assertThat(Files.readString(ROOT.resolve(dockerfile)))
                    .contains("-pl services/" + service.name() + " ")
                    .contains("EXPOSE " + service.defaultPort())
                    .contains("HEALTHCHECK");

            Map<String, Object> environment = section(entry, "environment");
            assertThat(environment.get("IPS_DB_URL"))
                    .isEqualTo("jdbc:postgresql://postgres:5432/" + service.database());
            assertThat(environment.get("IPS_DB_USER")).as("the runtime role, not the superuser")
                    .isEqualTo(service.database() + "_app");
            assertThat(environment.get("IPS_DB_OWNER")).as("migrations run as the owner role")
                    .isEqualTo(service.database() + "_owner");
            String upper = service.database().toUpperCase(Locale.ROOT);
            assertThat(environment.get("IPS_DB_PASSWORD").toString()).startsWith("${" + upper + "_DB_PASSWORD:");
            assertThat(environment.get("IPS_DB_OWNER_PASSWORD").toString())
                    .startsWith("${" + upper + "_DB_OWNER_PASSWORD:");
            assertThat(section(section(services, "postgres"), "environment"))
                    .as("the init script creates the roles with the passwords the service is given")
                    .containsEntry(upper + "_DB_PASSWORD", environment.get("IPS_DB_PASSWORD"))
                    .containsEntry(upper + "_DB_OWNER_PASSWORD", environment.get("IPS_DB_OWNER_PASSWORD"));
            assertThat(environment).containsKey("IPS_KEK");
            assertThat(environment.get("IPS_KAFKA_BOOTSTRAP_SERVERS")).isEqualTo("kafka:9092");
            assertThat((List<Object>) entry.get("ports"))
                    .contains(service.defaultPort() + ":" + service.defaultPort());
            Map<String, Object> dependsOn = section(entry, "depends_on");
            assertThat(section(dependsOn, "postgres").get("condition")).isEqualTo("service_healthy");
            assertThat(section(dependsOn, "kafka").get("condition")).isEqualTo("service_healthy");
            assertThat(section(entry, "healthcheck").get("test").toString())
                    .contains("localhost:" + service.defaultPort() + "/actuator/health");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void postgresCreatesEveryServiceDatabaseWithItsRolesAndKafkaRunsInKraftMode() throws IOException {
        Map<String, Object> services = section(compose(), "services");
        String init = Files.readString(ROOT.resolve("infra/docker/init-databases.sql"));
        for (ServiceDefinition service : ServiceDefinition.ALL) {
            String upper = service.database().toUpperCase(Locale.ROOT);
            assertThat(init).contains("\\set database " + service.database() + "\n"
                    + "\\getenv owner_password " + upper + "_DB_OWNER_PASSWORD\n"
                    + "\\getenv app_password " + upper + "_DB_PASSWORD\n"
                    + "\\i /ips/service-database.sql\n");
        }
        assertThat(Files.readString(ROOT.resolve("infra/docker/service-database.sql")))
                .contains("create database :\"database\" owner :\"owner_role\";",
                        "revoke all on database :\"database\" from public;",
                        "grant connect on database :\"database\" to :\"app_role\";",
                        "revoke all on schema public from public;",
                        "alter default privileges for role :\"owner_role\" in schema public\n"
                                + "    grant select, insert, update, delete on tables to :\"app_role\";");
        assertThat((List<Object>) section(services, "postgres").get("volumes"))
                .contains("./infra/docker/service-database.sql:/ips/service-database.sql:ro");
        assertThat(section(services, "postgres").get("healthcheck")).isNotNull();
        Map<String, Object> kafka = section(section(services, "kafka"), "environment");
        assertThat(kafka.get("KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
        assertThat(kafka).containsKey("KAFKA_CONTROLLER_QUORUM_VOTERS").doesNotContainKey("KAFKA_ZOOKEEPER_CONNECT");
        assertThat(section(services, "kafka").get("healthcheck")).isNotNull();
    }

    @Test
    void theServicesReadTheseVariablesForTheirInfrastructure() throws IOException {
        String platformDefaults;
        try (var in = getClass().getClassLoader().getResourceAsStream("ips-platform.yml")) {
            platformDefaults = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(platformDefaults).contains("${IPS_DB_URL:", "${IPS_DB_USER:", "${IPS_DB_PASSWORD}",
                "${IPS_DB_OWNER:", "${IPS_DB_OWNER_PASSWORD}", "${IPS_KEK:", "${IPS_KEK_FILE:",
                "${IPS_KAFKA_BOOTSTRAP_SERVERS:", "${IPS_KAFKA_USER:", "${IPS_KAFKA_PASSWORD:");
    }

    @Test
    void everyServiceLogsInToKafkaAsItsOwnUserAfterKafkaInitHasMadeTheUsers() throws IOException {
        Map<String, Object> services = section(compose(), "services");
        for (ServiceDefinition service : ServiceDefinition.ALL) {
            Map<String, Object> entry = section(services, service.name());
            Map<String, Object> environment = section(entry, "environment");
            assertThat(environment.get("IPS_KAFKA_USER")).isEqualTo(service.name());
            assertThat((String) environment.get("IPS_KAFKA_PASSWORD"))
                    .endsWith(":-" + KafkaAccess.demoPassword(service.name()) + "}");
            assertThat(section(section(entry, "depends_on"), "kafka-init").get("condition"))
                    .isEqualTo("service_completed_successfully");
        }
    }

    @Test
    void theBrokerTakesOnlyLoggedInClientsAndAuthorisesThemWithTheStandardAuthorizer() throws IOException {
        Map<String, Object> kafka = section(section(section(compose(), "services"), "kafka"), "environment");

        assertThat(kafka.get("KAFKA_AUTHORIZER_CLASS_NAME"))
                .isEqualTo("org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        assertThat(kafka.get("KAFKA_SUPER_USERS")).isEqualTo("User:" + KafkaAccess.ADMIN);
        assertThat(kafka.get("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND")).isEqualTo("false");
        for (String listener : ((String) kafka.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP")).split(",")) {
            assertThat(listener).endsWith(":SASL_PLAINTEXT");
        }
    }

    /** kafka-init.sh grants exactly the matrix the embedded broker and the tests grant (KafkaAccess). */
    @Test
    void kafkaInitGrantsExactlyTheMatrixOfTheSharedKernel() throws IOException {
        String script = Files.readString(ROOT.resolve("infra/docker/kafka-init.sh"));
        Set<String> granted = new TreeSet<>();
        Matcher grants = Pattern.compile("(?m)^grant (\\S+) (Write|Read) (\\S+)$").matcher(script);
        while (grants.find()) {
            granted.add(grants.group(1) + " " + grants.group(2) + " " + grants.group(3));
        }
        Set<String> matrix = new TreeSet<>();
        for (KafkaAccess access : KafkaAccess.SERVICES) {
            access.writes().forEach(topic -> matrix.add(access.user() + " Write " + topic));
            access.reads().forEach(topic -> matrix.add(access.user() + " Read " + topic));
            assertThat(script).containsPattern("(?m)^user " + Pattern.quote(access.user()) + " ");
        }

        assertThat(granted).isEqualTo(matrix);
        Matcher topics = Pattern.compile("(?s)for topic in (.*?); do").matcher(script);
        assertThat(topics.find()).as("kafka-init.sh creates the topics").isTrue();
        assertThat(List.of(topics.group(1).replace("\\", " ").trim().split("\\s+"))).containsAll(Topics.all());
    }

    private static Map<String, Object> compose() throws IOException {
        try (Reader reader = Files.newBufferedReader(ROOT.resolve("docker-compose.yml"))) {
            return new Yaml().load(reader);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        assertThat(value).as("docker-compose.yml has %s", key).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    private static Path findRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("docker-compose.yml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("docker-compose.yml not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
