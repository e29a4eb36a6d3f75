package nl.ipsexchange.testsupport;

/**
 * A test JVM in miniature that never runs a Spring application: it takes the test infrastructure, prints where its
 * PostgreSQL listens and ends ({@link TestInfrastructureTest}).
 */
public final class InfrastructureThenExit {

    private InfrastructureThenExit() {
    }

    public static void main(String[] args) {
        String url = TestInfrastructure.get().newDatabase("exit_check");
        System.out.println("postgres=" + java.net.URI.create(url.substring("jdbc:".length())).getPort());
        System.exit(0);
    }
}
