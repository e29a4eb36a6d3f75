package nl.ipsexchange.infra.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded servers are real: data written survives a restart on the same directory, and is gone when fresh. */
class EmbeddedInfrastructureTest {

    @TempDir
    Path dir;

    @Test
    void postgresKeepsItsDataAcrossARestartUnlessStartedFresh() throws Exception {
        Path data = dir.resolve("pg");
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(data, 0, false)) {
            pg.createDatabases(List.of("survivor"));
            execute(pg, "create table kept(v text); insert into kept values ('still here')");
        }
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(data, 0, false)) {
            assertThat(query(pg, "select v from kept")).isEqualTo("still here");
        }
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(data, 0, true)) {
            pg.createDatabases(List.of("survivor"));
            assertThat(query(pg, "select count(*) from pg_tables where tablename = 'kept'")).isEqualTo("0");
        }
    }

    @Test
    void aPortThatAnotherPostgresHoldsIsRefusedInsteadOfTakingThatServerForTheNewOne() throws Exception {
        try (EmbeddedPostgresServer running = EmbeddedPostgresServer.start(dir.resolve("first"), 0, false)) {
            running.createDatabases(List.of("survivor"));
            execute(running, "create table left_behind(v text)");
            Path second = dir.resolve("second");

            assertThatThrownBy(() -> EmbeddedPostgresServer.start(second, running.port(), true))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("port " + running.port() + " is in use");
            assertThat(second).as("nothing was started for it").doesNotExist();
            assertThat(query(running, "select count(*) from pg_tables where tablename = 'left_behind'"))
                    .as("the running server is untouched").isEqualTo("1");
        }
    }

    @Test
    void kafkaKeepsTopicsAndRecordsAcrossARestart() throws Exception {
        Path logs = dir.resolve("kafka");
        try (EmbeddedKafkaServer kafka = EmbeddedKafkaServer.start(logs, 0, false)) {
            kafka.createTopics(List.of("t.kept"), 1);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(kafka.adminLogin().with(Map.of(
                    ProducerConfig.ACKS_CONFIG, "all")), new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("t.kept", "k", "hello")).get();
            }
        }
        try (EmbeddedKafkaServer kafka = EmbeddedKafkaServer.start(logs, 0, false);
             KafkaConsumer<String, String> consumer = new KafkaConsumer<>(kafka.adminLogin().with(Map.of(
                     ConsumerConfig.GROUP_ID_CONFIG, "check",
                     ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")),
                     new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("t.kept"));
            String seen = null;
            long deadline = System.currentTimeMillis() + 30_000;
            while (seen == null && System.currentTimeMillis() < deadline) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                if (!records.isEmpty()) {
                    seen = records.iterator().next().value();
                }
            }
            assertThat(seen).isEqualTo(new String("hello".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
        }
    }

    @Test
    void aKeptKafkaDirectoryWithoutItsUsersGetsThemAgainAndKeepsItsRecords() throws Exception {
        Path logs = dir.resolve("kafka");
        try (EmbeddedKafkaServer kafka = EmbeddedKafkaServer.start(logs, 0, false)) {
            kafka.createTopics(List.of("t.kept"), 1);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(kafka.adminLogin().with(Map.of(
                    ProducerConfig.ACKS_CONFIG, "all")), new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("t.kept", "k", "before")).get();
            }
        }
        // as a directory formatted before the broker had users (a local stack's kept data) has no passwords file
        Files.delete(logs.resolve(EmbeddedKafkaServer.USERS_FILE));

        try (EmbeddedKafkaServer kafka = EmbeddedKafkaServer.start(logs, 0, false);
             KafkaConsumer<String, String> consumer = new KafkaConsumer<>(kafka.login("audit").with(Map.of(
                     ConsumerConfig.GROUP_ID_CONFIG, "audit-check",
                     ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")),
                     new StringDeserializer(), new StringDeserializer())) {
            assertThat(logs.resolve(EmbeddedKafkaServer.USERS_FILE)).exists();
            try (KafkaConsumer<String, String> admin = new KafkaConsumer<>(kafka.adminLogin().with(Map.of(
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")), new StringDeserializer(),
                    new StringDeserializer())) {
                TopicPartition partition = new TopicPartition("t.kept", 0);
                admin.assign(List.of(partition));
                assertThat(admin.endOffsets(List.of(partition))).containsEntry(partition, 1L);
            }
            // the services' users are back with new passwords: audit logs in, and is refused a topic not its own
            consumer.assign(List.of(new TopicPartition("t.kept", 0)));
            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(5)))
                    .isInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void kafkaStartsOnOtherPortsWhenItsChosenClientPortIsTakenBeforeItBindsIt() throws Exception {
        brokerStartsAfterAChosenPortWasTaken(0);
    }

    @Test
    void kafkaStartsOnOtherPortsWhenItsChosenControllerPortIsTakenBeforeItBindsIt() throws Exception {
        brokerStartsAfterAChosenPortWasTaken(1);
    }

    /** The port at {@code which} of the first choice is taken by someone else between the choice and the bind. */
    private void brokerStartsAfterAChosenPortWasTaken(int which) throws Exception {
        try (ServerSocket someoneElse = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            AtomicInteger choices = new AtomicInteger();
            EmbeddedKafkaServer.PortChooser takenFirst = count -> {
                int[] ports = EmbeddedKafkaServer.freePorts(count);
                if (choices.getAndIncrement() == 0) {
                    ports[which] = someoneElse.getLocalPort();
                }
                return ports;
            };
            try (EmbeddedKafkaServer kafka = EmbeddedKafkaServer.start(dir.resolve("kafka"), 0, true, takenFirst)) {
                assertThat(choices).as("ports chosen a second time").hasValue(2);
                assertThat(kafka.bootstrapServers()).isNotEqualTo("127.0.0.1:" + someoneElse.getLocalPort());
                kafka.createTopics(List.of("t.moved"), 1);
                try (KafkaProducer<String, String> producer = new KafkaProducer<>(kafka.adminLogin().with(Map.of(
                        ProducerConfig.ACKS_CONFIG, "all")), new StringSerializer(), new StringSerializer())) {
                    assertThat(producer.send(new ProducerRecord<>("t.moved", "k", "v")).get().offset()).isZero();
                }
            }
        }
    }

    @Test
    void kafkaRefusesAClientPortThatIsInUseInsteadOfTakingAnother() throws Exception {
        try (ServerSocket someoneElse = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = someoneElse.getLocalPort();
            assertThatThrownBy(() -> EmbeddedKafkaServer.start(dir.resolve("kafka"), port, true))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("port " + port + " is in use");
        }
    }

    private static void execute(EmbeddedPostgresServer pg, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("survivor"), EmbeddedPostgresServer.USER,
                EmbeddedPostgresServer.PASSWORD); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String query(EmbeddedPostgresServer pg, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("survivor"), EmbeddedPostgresServer.USER,
                EmbeddedPostgresServer.PASSWORD); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }
}
