package nl.ipsexchange.testsupport;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A test JVM in miniature that never runs a Spring application: it takes the test infrastructure, prints where its
 * PostgreSQL listens and which web server directory a service under test would get, and ends
 * ({@link TestInfrastructureTest}).
 */
public final class InfrastructureThenExit {

    private InfrastructureThenExit() {
    }

    public static void main(String[] args) {
        String url = TestInfrastructure.get().newDatabase("exit_check");
        System.out.println("postgres=" + URI.create(url.substring("jdbc:".length())).getPort());
        Map<String, Object> properties = new HashMap<>();
        TestInfrastructure.get().register((name, value) -> properties.put(name, value.get()), "exit-check");
        Path tomcat = Path.of((String) properties.get("server.tomcat.basedir"));
        System.out.println("tomcat=" + tomcat + " exists=" + Files.isDirectory(tomcat));
        System.exit(0);
    }
}
