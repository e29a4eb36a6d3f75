package nl.ipsexchange.infra.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.KafkaAccess;
import nl.ipsexchange.kernel.Topics;

/** The broker lets in only its users, and lets each service write and read only what {@link KafkaAccess} grants. */
class EmbeddedKafkaAccessTest {

    private static EmbeddedKafkaServer kafka;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = EmbeddedKafkaServer.start(null, 0, true);
        kafka.createTopics(Topics.all(), 1);
        // a record on every topic: a service that may read one gets a record back, so "read" is an answer, never
        // a poll that merely ended before the broker's refusal arrived
        for (String topic : Topics.all()) {
            send(kafka.adminLogin().properties(), topic);
        }
    }

    @AfterAll
    static void stopBroker() throws Exception {
        kafka.close();
    }

    @Test
    void aClientWithoutCredentialsIsNotLetIn() {
        Map<String, Object> anonymous = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);

        // the broker speaks SASL only: a plain client never gets as far as the topic's metadata
        assertThatThrownBy(() -> send(anonymous, Topics.AUDIT)).hasCauseInstanceOf(TimeoutException.class);
    }

    @Test
    void aServiceWithAWrongPasswordIsRefused() {
        KafkaLogin wrong = new KafkaLogin(kafka.bootstrapServers(), "benefits-agency", "not-its-password");

        assertThatThrownBy(() -> send(wrong.properties(), Topics.AUDIT))
                .hasCauseInstanceOf(SaslAuthenticationException.class);
    }

    @Test
    void theBenefitsAgencyWritesAccessRecordsButNotIntoItsOwnOrAnotherAgencysInbox() throws Exception {
        Map<String, Object> benefits = kafka.login("benefits-agency").properties();

        assertThat(send(benefits, Topics.AUDIT)).isTrue();
        assertThat(send(benefits, Agency.MENTAL_HEALTH.inboxTopic())).isTrue();
        assertThat(send(benefits, Agency.BENEFITS.inboxTopic())).isFalse();
        assertThat(send(benefits, Agency.MUNICIPALITY.inboxTopic())).isFalse();
    }

    @Test
    void everyServiceWritesExactlyTheTopicsItSendsOn() throws Exception {
        for (KafkaAccess access : KafkaAccess.SERVICES) {
            Map<String, Object> service = kafka.login(access.user()).properties();
            for (String topic : Topics.all()) {
                assertThat(send(service, topic)).as("%s writes to %s", access.user(), topic)
                        .isEqualTo(access.mayWrite(topic));
            }
        }
    }

    @Test
    void everyServiceReadsExactlyItsOwnInboxAndTheTopicsItConsumes() {
        for (KafkaAccess access : KafkaAccess.SERVICES) {
            Map<String, Object> service = kafka.login(access.user()).properties();
            for (String topic : Topics.all()) {
                assertThat(reads(service, access.user() + "-check", topic)).as("%s reads %s", access.user(), topic)
                        .isEqualTo(access.mayRead(topic));
            }
        }
    }

    @Test
    void aServiceCannotReadAnotherAgencysInboxNorJoinAnotherServicesConsumerGroup() {
        Map<String, Object> municipality = kafka.login("municipality").properties();

        assertThat(reads(municipality, "municipality-check", Agency.BENEFITS.inboxTopic())).isFalse();
        assertThatThrownBy(() -> reads(municipality, "benefits-agency-check", Agency.MUNICIPALITY.inboxTopic()))
                .isInstanceOf(GroupAuthorizationException.class);
    }

    @Test
    void servicesCannotCreateTopics() {
        Map<String, Object> mha = kafka.login("mental-health-agency").properties();

        assertThatThrownBy(() -> {
            try (Admin admin = Admin.create(mha)) {
                admin.createTopics(List.of(new NewTopic("ips.rogue", 1, (short) 1)))
                        .all().get();
            }
        }).hasCauseInstanceOf(TopicAuthorizationException.class);
    }

    /** Whether a record sent as this client lands; false when the broker refuses the topic to it. */
    private static boolean send(Map<String, Object> client, String topic) throws Exception {
        Map<String, Object> settings = new HashMap<>(client);
        settings.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(settings, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "k", "v")).get();
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicAuthorizationException) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Whether this client, in {@code group}, may fetch from the topic: true once it reads a record (every topic holds
     * one), false when the broker refuses the topic.
     */
    private static boolean reads(Map<String, Object> client, String group, String topic) {
        Map<String, Object> settings = new HashMap<>(client);
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(settings, new StringDeserializer(),
                new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            // the committed offset is the group's (its ACL); the fetch is the topic's
            consumer.committed(Set.of(partition));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                if (!consumer.poll(Duration.ofMillis(200)).isEmpty()) {
                    return true;
                }
            }
            throw new AssertionError(group + " neither read " + topic + " nor was refused it within 30 s");
        } catch (TopicAuthorizationException e) {
            return false;
        }
    }
}
