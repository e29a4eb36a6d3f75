package nl.ipsexchange.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * A stack that cannot start leaves nothing running: when one service fails, the services still to start never start,
 * the one starting beside it is waited for and stopped, and Kafka and PostgreSQL stop too.
 */
class LocalStackStartFailureTest {

    @Test
    void whenOneServiceCannotStartNoServiceKafkaOrPostgresqlIsLeftRunning() throws Exception {
        Path dir = Files.createTempDirectory("ips-local-stack-failure");
        LocalStackCommandTest.Ports ports = LocalStackCommandTest.Ports.choose();
        int base = ports.base();
        Set<String> workingDirectoriesBefore = LocalStackCommandTest.workingDirectories();
        // as the run command does (LocalStack.main): two services starting at once must not both set up logging
        String loggingSystem = System.setProperty(LocalStack.LOGGING_SYSTEM, "none");
        // the mental health agency's port is taken: it starts first, and fails while the benefits agency starts
        try (ServerSocket taken = new ServerSocket(base, 50, InetAddress.getByName("0.0.0.0"))) {
            assertThatThrownBy(() -> LocalStack.start(dir, true, ports.postgres(), ports.kafka(), base, "demo"))
                    .hasStackTraceContaining(Integer.toString(base));

            // the benefits agency was starting when the failure came; had it been left to finish, it would
            // come up on its port a little later. Nothing may come up, and nothing may still be starting: a start
            // left going (or one begun after the failure, by a starter thread set free by it) is a thread inside
            // ServiceLauncher.start for the second or more a start takes, so it is seen at once, instead of by
            // watching the ports until it would have finished.
            List<Integer> others = new ArrayList<>(List.of(ports.postgres(), ports.kafka()));
            for (int port = base + 1; port < base + 5; port++) {
                others.add(port);
            }
            long until = System.nanoTime() + 2_000_000_000L;
            do {
                assertThat(startingServices()).as("threads still starting a service").isEmpty();
                for (int port : others) {
                    assertThat(LocalStackCommandTest.listening(port)).as("port " + port + " is listening").isFalse();
                }
                Thread.sleep(100);
            } while (System.nanoTime() < until);
            assertThat(LocalStackCommandTest.workingDirectories())
                    .as("neither the service that failed nor the one stopped leaves its web server directory behind")
                    .isEqualTo(workingDirectoriesBefore);
        } finally {
            if (loggingSystem == null) {
                System.clearProperty(LocalStack.LOGGING_SYSTEM);
            } else {
                System.setProperty(LocalStack.LOGGING_SYSTEM, loggingSystem);
            }
            LocalStackCommandTest.remove(dir);
        }
    }

    /** The threads of this JVM that are inside {@link ServiceLauncher#start}: starting a service now. */
    private static List<String> startingServices() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(thread -> Stream.of(thread.getValue()).anyMatch(frame -> frame.getClassName()
                        .equals(ServiceLauncher.class.getName()) && frame.getMethodName().equals("start")))
                .map(thread -> thread.getKey().getName()).toList();
    }
}
