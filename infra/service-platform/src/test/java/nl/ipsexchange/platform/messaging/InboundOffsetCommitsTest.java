package nl.ipsexchange.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.messaging.EnvelopeCodec;
import nl.ipsexchange.kernel.status.ClientRegisteredStatusEvent;
import nl.ipsexchange.platform.PlatformDatabase;
import nl.ipsexchange.platform.crypto.ClientDataCipher;
import nl.ipsexchange.platform.crypto.LocalKeyEncryptionKey;
import nl.ipsexchange.platform.messaging.signing.TestKeys;
import nl.ipsexchange.testsupport.Await;
import nl.ipsexchange.testsupport.ConsumerProgress;
import nl.ipsexchange.testsupport.TestInfrastructure;

/**
 * The inbound reader on a real broker and database, with the platform's listener, error handler and commit settings
 * (as in {@code ips-platform.yml}: offsets committed every 200 ms or 500 messages): once it has nothing left to read,
 * its consumer group has committed the end of every partition, also after a poison message was retried and parked in
 * the middle of a busy poll. Tests and operators read "caught up" from exactly these committed offsets. (Without
 * {@link ForwardOnlyOffsetCommits} the first test failed in each of three builds: a partition's committed offset went
 * back and stayed behind its end.)
 */
class InboundOffsetCommitsTest {

    private final TestInfrastructure infrastructure = TestInfrastructure.get();
    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final Set<String> poisoned = ConcurrentHashMap.newKeySet();
    private JdbcTemplate jdbc;
    private KafkaMessageListenerContainer<String, byte[]> container;
    private DefaultKafkaProducerFactory<String, byte[]> producers;

    @AfterEach
    void stop() {
        if (container != null) {
            container.stop();
        }
        if (producers != null) {
            producers.destroy();
        }
    }

    @Test
    void afterAPoisonMessageInABusyPollTheGroupCommitsTheEndOfEveryPartition() throws Exception {
        producers = new DefaultKafkaProducerFactory<>(infrastructure.kafkaAdmin().with(Map.of(
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class)));
        KafkaTemplate<String, byte[]> kafka = new KafkaTemplate<>(producers);
        // each run ends on the race (when the last partitions to see a message are not the poison's), so a few runs
        for (int run = 0; run < 3; run++) {
            streamThenPoison(kafka);
        }
    }

    @Test
    void aCommitBelowWhatTheConsumerCommittedBeforeIsLeftOut() throws Exception {
        String topic = "offsets-forward-" + UUID.randomUUID().toString().substring(0, 8);
        TopicPartition partition = new TopicPartition(topic, 0);
        try (Admin admin = Admin.create(infrastructure.kafkaAdmin().properties())) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        DefaultKafkaConsumerFactory<String, byte[]> consumers = new DefaultKafkaConsumerFactory<>(
                consumerSettings("forward-" + topic));
        new KafkaMessagingConfiguration().ipsConsumerFactoryCustomizer().customize(consumers);
        try (Consumer<String, byte[]> consumer = consumers.createConsumer()) {
            consumer.assign(List.of(partition));
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(10)));
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(5)));
            assertThat(consumer.committed(Set.of(partition)).get(partition).offset()).isEqualTo(10);
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(12)), Duration.ofSeconds(10));
            assertThat(consumer.committed(Set.of(partition)).get(partition).offset()).isEqualTo(12);
        }
    }

    private void streamThenPoison(KafkaTemplate<String, byte[]> kafka) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> topics = List.of("offsets-a-" + run, "offsets-b-" + run);
        String group = "offsets-" + run;
        try (Admin admin = Admin.create(infrastructure.kafkaAdmin().properties())) {
            admin.createTopics(topics.stream().map(topic -> new NewTopic(topic, 3, (short) 1)).toList()).all().get();
            container = start(topics, group, processor(), kafka);
            int sent = 0;
            // a steady stream, polled a few messages at a time: the offsets of the last polls are still pending
            // (committed every 200 ms) when the next poll, with messages before a poison message, fails
            for (int i = 0; i < 30; i++) {
                send(kafka, topics.get(i % 2), "client-" + i);
                kafka.flush();
                sent++;
                Thread.sleep(3);
            }
            for (int i = 30; i < 36; i++) {
                send(kafka, topics.get(i % 2), "client-" + i);
                sent++;
            }
            poisoned.add("poison-" + run);
            send(kafka, topics.get(1), "poison-" + run);
            kafka.flush();
            int expected = sent;
            Await.until(() -> count("processed_message") >= expected && count("parked_message") == 1,
                    Duration.ofSeconds(15), "every message handled or parked");
            assertThat(count("processed_message")).as("each handled once").isEqualTo(sent);
            Await.until(() -> ConsumerProgress.hasConsumed(admin, group, topics), Duration.ofSeconds(15),
                    "the group committed the end of every partition");
            container.stop();
        }
    }

    private InboundMessageProcessor processor() {
        DriverManagerDataSource dataSource = PlatformDatabase.fresh("offsets");
        jdbc = new JdbcTemplate(dataSource);
        IntegrationEventHandler<ClientRegisteredStatusEvent> handler = IntegrationEventHandler.of(
                ClientRegisteredStatusEvent.class, (event, envelope) -> {
                    if (poisoned.contains(event.clientPseudonym())) {
                        throw new IllegalStateException("this handler cannot take it");
                    }
                });
        return new InboundMessageProcessor(codec, jdbc,
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)), ReceivedEventRecorder.NONE,
                new ParkedMessages(jdbc, new ClientDataCipher(jdbc, LocalKeyEncryptionKey.generate()),
                        Clock.systemUTC()), List.of(handler),
                TestKeys.verifier(), new SimpleMeterRegistry());
    }

    /** Rows of a table in the reader's database: a message's id and its handlers' effects are one transaction. */
    private long count(String table) {
        Long count = jdbc.queryForObject("select count(*) from " + table, Long.class);
        return count == null ? 0 : count;
    }

    /** The platform's listener and error handler, in a container with the settings of ips-platform.yml. */
    private KafkaMessageListenerContainer<String, byte[]> start(List<String> topics, String group,
                                                                InboundMessageProcessor processor,
                                                                KafkaTemplate<String, byte[]> kafka) {
        DefaultKafkaConsumerFactory<String, byte[]> consumers = new DefaultKafkaConsumerFactory<>(
                consumerSettings(group));
        new KafkaMessagingConfiguration().ipsConsumerFactoryCustomizer().customize(consumers);

        ContainerProperties properties = new ContainerProperties(topics.toArray(String[]::new));
        properties.setAckMode(ContainerProperties.AckMode.COUNT_TIME);
        properties.setAckCount(500);
        properties.setAckTime(200);
        properties.setPollTimeout(500);
        InboundMessageListener listener = new InboundMessageListener(processor, topics);
        properties.setMessageListener((BatchMessageListener<String, byte[]>) listener::onMessages);
        KafkaMessageListenerContainer<String, byte[]> started = new KafkaMessageListenerContainer<>(consumers,
                properties);
        started.setCommonErrorHandler(new KafkaMessagingConfiguration().ipsKafkaErrorHandler(kafka));
        started.start();
        return started;
    }

    private Map<String, Object> consumerSettings(String group) {
        Map<String, Object> settings = new HashMap<>(infrastructure.kafkaAdmin().properties());
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return settings;
    }

    private void send(KafkaTemplate<String, byte[]> kafka, String topic, String client) {
        byte[] value = codec.encode(codec.wrap(UUID.randomUUID(), Agency.MENTAL_HEALTH, Instant.now(), null,
                new ClientRegisteredStatusEvent(client, Agency.MENTAL_HEALTH, LocalDate.of(2026, 1, 1))));
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, client, value);
        TestKeys.signer(Agency.MENTAL_HEALTH).sign(topic, value).addTo(record.headers());
        kafka.send(record);
    }

}
