package nl.ipsexchange.kernel;

import java.util.List;
import java.util.NoSuchElementException;

import static nl.ipsexchange.kernel.Topics.AUDIT;
import static nl.ipsexchange.kernel.Topics.AUDIT_CHECKPOINTS;
import static nl.ipsexchange.kernel.Topics.DEAD_LETTER;
import static nl.ipsexchange.kernel.Topics.STATUS;
import static nl.ipsexchange.kernel.Topics.inbox;

/**
 * Who may do what on Kafka (ADR 34): one SCRAM user per service, named after the service, and the infrastructure's
 * administrator ({@link #ADMIN}, a super user that creates the topics, the users and these ACLs). A service writes
 * only to the topics it sends on, reads only its own inbox and the topics it consumes, and joins only consumer groups
 * whose name starts with its user name (the tests' groups are {@code <service>-<database>}). Services create no
 * topics. The embedded broker, the tests and {@code infra/docker/kafka-init.sh} (docker-compose) grant exactly this.
 *
 * @param user   the SCRAM user, the service's name
 * @param writes the topics it sends on
 * @param reads  the topics it consumes
 */
public record KafkaAccess(String user, List<String> writes, List<String> reads) {

    /** The infrastructure's super user. */
    public static final String ADMIN = "ips-admin";

    /** The SASL mechanism every client and the broker use. */
    public static final String MECHANISM = "SCRAM-SHA-512";

    public static final List<KafkaAccess> SERVICES = List.of(
            // the consent gate sends to the three receiving agencies; status and fidelity reviews go to everyone
            new KafkaAccess("mental-health-agency",
                    List.of(inbox(Agency.BENEFITS), inbox(Agency.MUNICIPALITY), inbox(Agency.INSURER), STATUS, AUDIT,
                            DEAD_LETTER),
                    List.of(inbox(Agency.MENTAL_HEALTH), STATUS)),
            // the funders: information requests to the mental health agency, funding decisions on ips.status
            new KafkaAccess("benefits-agency",
                    List.of(inbox(Agency.MENTAL_HEALTH), STATUS, AUDIT, DEAD_LETTER),
                    List.of(inbox(Agency.BENEFITS), STATUS)),
            new KafkaAccess("municipality",
                    List.of(inbox(Agency.MENTAL_HEALTH), STATUS, AUDIT, DEAD_LETTER),
                    List.of(inbox(Agency.MUNICIPALITY), STATUS)),
            // the insurer decides no funding: it sends nothing on ips.status
            new KafkaAccess("insurer",
                    List.of(inbox(Agency.MENTAL_HEALTH), AUDIT, DEAD_LETTER),
                    List.of(inbox(Agency.INSURER), STATUS)),
            new KafkaAccess("audit",
                    List.of(AUDIT, AUDIT_CHECKPOINTS, DEAD_LETTER),
                    List.of(STATUS, AUDIT, AUDIT_CHECKPOINTS)));

    public KafkaAccess {
        writes = List.copyOf(writes);
        reads = List.copyOf(reads);
    }

    /** Consumer groups this user may join: those whose name starts with this. */
    public String groupPrefix() {
        return user;
    }

    public boolean mayWrite(String topic) {
        return writes.contains(topic);
    }

    public boolean mayRead(String topic) {
        return reads.contains(topic);
    }

    /** The access of the service named {@code user}. */
    public static KafkaAccess of(String user) {
        return SERVICES.stream().filter(access -> access.user.equals(user)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no Kafka user " + user));
    }

    public static List<String> users() {
        return SERVICES.stream().map(KafkaAccess::user).toList();
    }

    /**
     * The published password of {@code user} for the demo profile (docker-compose.yml); a service refuses it, like a
     * missing one, outside that profile.
     */
    public static String demoPassword(String user) {
        return user + "-demo-password";
    }

    /** Whether {@code password} is one of the published demo passwords. */
    public static boolean isDemoPassword(String password) {
        return password.equals(demoPassword(ADMIN))
                || SERVICES.stream().anyMatch(access -> password.equals(demoPassword(access.user)));
    }
}
