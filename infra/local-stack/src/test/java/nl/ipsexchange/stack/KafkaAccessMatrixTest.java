package nl.ipsexchange.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import nl.ipsexchange.kernel.KafkaAccess;

/** The Kafka ACL matrix (KafkaAccess) against what the services are configured to do. */
class KafkaAccessMatrixTest {

    @Test
    void everyServiceHasAKafkaUserNamedAfterItThatMayReadEveryTopicItSubscribesTo() throws IOException {
        List<String> names = ServiceDefinition.ALL.stream().map(ServiceDefinition::name).toList();
        assertThat(KafkaAccess.users()).containsExactlyInAnyOrderElementsOf(names);
        for (ServiceDefinition service : ServiceDefinition.ALL) {
            List<String> subscriptions = subscriptions(service);

            assertThat(subscriptions).as("%s subscribes to topics", service.name()).isNotEmpty();
            assertThat(KafkaAccess.of(service.name()).reads()).as("what %s may read", service.name())
                    .containsAll(subscriptions);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> subscriptions(ServiceDefinition service) throws IOException {
        try (InputStream in = KafkaAccessMatrixTest.class.getClassLoader()
                .getResourceAsStream(service.name() + ".yml")) {
            Map<String, Object> settings = new Yaml().load(in);
            Map<String, Object> ips = (Map<String, Object>) settings.get("ips");
            Map<String, Object> messaging = (Map<String, Object>) ips.get("messaging");
            return (List<String>) messaging.get("subscriptions");
        }
    }
}
