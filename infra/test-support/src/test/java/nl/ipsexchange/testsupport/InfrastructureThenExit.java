package nl.ipsexchange.testsupport;

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
        System.out.println("postgres=" + java.net.URI.create(url.substring("jdbc:".length())).getPort());
        java.util.Map<String, Object> properties = new java.util.HashMap<>();
        TestInfrastructure.get().register((name, value) -> properties.put(name, value.get()), "exit-check");
        java.nio.file.Path tomcat = java.nio.file.Path.of((String) properties.get("server.tomcat.basedir"));
        System.out.println("tomcat=" + tomcat + " exists=" + java.nio.file.Files.isDirectory(tomcat));
        System.exit(0);
    }
}
