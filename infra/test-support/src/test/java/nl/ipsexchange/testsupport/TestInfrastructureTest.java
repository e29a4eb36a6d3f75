package nl.ipsexchange.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

/** Where the integration tests get PostgreSQL and Kafka from, decided in one place (README: "Tests"). */
class TestInfrastructureTest {

    @Test
    void autoUsesTestcontainersExactlyWhenADockerEngineAnswers() {
        assertThat(TestInfrastructure.useContainers("auto", () -> true)).isTrue();
        assertThat(TestInfrastructure.useContainers("auto", () -> false)).isFalse();
        assertThat(TestInfrastructure.useContainers("", () -> false)).isFalse();
    }

    @Test
    void aForcedChoiceWinsOverWhatTheMachineHas() {
        assertThat(TestInfrastructure.useContainers("testcontainers", () -> false)).isTrue();
        assertThat(TestInfrastructure.useContainers("EMBEDDED", () -> true)).isFalse();
    }

    @Test
    void anUnknownChoiceIsRefusedInsteadOfQuietlyPickingOne() {
        assertThatThrownBy(() -> TestInfrastructure.useContainers("docker", () -> true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'docker'").hasMessageContaining("auto, testcontainers or embedded");
    }

    @Test
    void onThisMachineTheChosenPostgresqlAndKafkaAreRealAndAnswer() throws Exception {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        boolean forced = System.getProperty("ips.test.infra") != null || System.getenv("IPS_TEST_INFRA") != null;
        if (!forced) {
            assertThat(infrastructure.mode())
                    .isEqualTo(TestInfrastructure.dockerAvailable() ? "Testcontainers" : "embedded");
        }
        String url = infrastructure.newDatabase("infra_check");
        try (Connection connection = DriverManager.getConnection(url, infrastructure.user(), infrastructure.password());
             ResultSet rows = connection.createStatement().executeQuery("select version()")) {
            rows.next();
            assertThat(rows.getString(1)).startsWith("PostgreSQL 17");
        }
        try (Admin admin = Admin.create(infrastructure.kafkaAdmin().properties())) {
            assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).isNotEmpty();
        }
    }

    @Test
    void aTestJvmStopsItsPostgresqlAndRemovesItsWebServerDirectoriesWhenItEnds() throws Exception {
        Process child = new ProcessBuilder(ChildJvm.java(), "-Dips.test.infra=embedded", "-cp", ChildJvm.classPath(),
                InfrastructureThenExit.class.getName()).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child JVM ended").isTrue();
        Matcher port = Pattern.compile("postgres=(\\d+)").matcher(output);
        assertThat(port.find()).as("the child started its PostgreSQL").isTrue();

        assertThat(listening(Integer.parseInt(port.group(1)))).as("nothing listens on its port once it ended")
                .isFalse();
        Matcher tomcat = Pattern.compile("tomcat=(\\S+) exists=true").matcher(output);
        assertThat(tomcat.find()).as("a service under test gets a web server directory of its own").isTrue();
        assertThat(Path.of(tomcat.group(1))).as("removed once the JVM ended").doesNotExist();
        assertThat(Path.of(tomcat.group(1)).getParent()).doesNotExist();
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
