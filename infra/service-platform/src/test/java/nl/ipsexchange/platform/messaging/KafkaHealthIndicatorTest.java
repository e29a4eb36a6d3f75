package nl.ipsexchange.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;
import org.springframework.kafka.core.KafkaAdmin;

import nl.ipsexchange.testsupport.Await;
import nl.ipsexchange.testsupport.TestInfrastructure;

class KafkaHealthIndicatorTest {

    @Test
    void upWhenTheBrokerAnswers() {
        KafkaHealthIndicator health = new KafkaHealthIndicator(
                new KafkaAdmin(TestInfrastructure.get().kafkaAdmin().properties()));
        try {
            // the first answer of a new client can take longer than the check's 3 s on a loaded machine: DOWN then
            Await.until(() -> health.health().getStatus().equals(Status.UP), Duration.ofSeconds(30),
                    "the indicator reports the broker UP");
        } finally {
            health.close();
        }
    }

    @Test
    void downWhenNoBrokerAnswers() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        KafkaHealthIndicator health = new KafkaHealthIndicator(new KafkaAdmin(Map.of(
                "bootstrap.servers", "127.0.0.1:" + closedPort)));
        try {
            assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        } finally {
            health.close();
        }
    }
}
