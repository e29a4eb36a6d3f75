package nl.ipsexchange.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", infrastructure.kafkaBootstrapServers()))) {
            assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).isNotEmpty();
        }
    }
}
