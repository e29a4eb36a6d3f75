package nl.ipsexchange.faulttests;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.slf4j.bridge.SLF4JBridgeHandler;

import nl.ipsexchange.infra.embedded.KafkaLogin;
import nl.ipsexchange.infra.embedded.ServiceDatabase;
import nl.ipsexchange.stack.ServiceDefinition;
import nl.ipsexchange.stack.ServiceLauncher;

/**
 * The main class of a child JVM that runs one service, so that the fault suite can kill it abruptly
 * ({@code Process.destroyForcibly()}, SIGKILL): {@code <service name> <port> <jdbc base> <kafka bootstrap servers>
 * [extra Spring arguments...]}. It stops by itself (halts) when its parent's pipe closes, so that a crashed test JVM
 * leaves no service behind.
 */
public final class ServiceProcessMain {

    private ServiceProcessMain() {
    }

    public static void main(String[] args) {
        Thread watchdog = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // the parent never writes; end of stream means it is gone
                }
            } catch (IOException e) {
                // the same: the parent is gone
            }
            Runtime.getRuntime().halt(3);
        }, "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();

        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        ServiceDefinition service = ServiceDefinition.ALL.stream().filter(s -> s.name().equals(args[0])).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + args[0]));
        int port = Integer.parseInt(args[1]);
        // the roles, the key file and the Kafka password from the environment the suite set (FaultStack.startService)
        ServiceDatabase database = new ServiceDatabase(service.database(),
                new ServiceDatabase.Login(System.getenv("IPS_DB_OWNER"), System.getenv("IPS_DB_OWNER_PASSWORD")),
                new ServiceDatabase.Login(System.getenv("IPS_DB_USER"), System.getenv("IPS_DB_PASSWORD")));
        ServiceLauncher.Infrastructure infrastructure = new ServiceLauncher.Infrastructure(args[2],
                List.of(database), user -> new KafkaLogin(args[3], user, System.getenv("IPS_KAFKA_PASSWORD")),
                Path.of(System.getenv("IPS_KEK_FILE")).getParent());
        List<String> extra = Arrays.asList(args).subList(4, args.length);
        try {
            ServiceLauncher.start(service, infrastructure, service.database(), port, extra);
            System.out.println("SERVICE-READY " + service.name() + " on " + port);
        } catch (RuntimeException e) {
            e.printStackTrace(System.out);
            Runtime.getRuntime().halt(2);
        }
    }
}
