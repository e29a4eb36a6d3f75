package nl.ipsexchange.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * The Kafka topic layout. Services talk to each other only through these topics.
 * <ul>
 *   <li>{@code ips.<agency>.inbox}: consent-gated messages addressed to one agency;</li>
 *   <li>{@code ips.status}: de-identified status events, for every agency's decision makers;</li>
 *   <li>{@code ips.audit}: access records, for the audit service;</li>
 *   <li>{@code ips.dead-letter}: messages a consumer could not read at all (poison), kept for inspection;</li>
 *   <li>{@code ips.audit.checkpoints}: the audit service's signed checkpoints of its trail (ADR 32).</li>
 * </ul>
 * Messages about a client are keyed by the pseudonymous client id, so that one client's messages stay in order.
 */
public final class Topics {

    public static final String STATUS = "ips.status";
    public static final String AUDIT = "ips.audit";
    public static final String DEAD_LETTER = "ips.dead-letter";
    /** Signed checkpoints of the audit trail's chain heads, written and read by the audit service (ADR 32). */
    public static final String AUDIT_CHECKPOINTS = "ips.audit.checkpoints";

    /** Partitions per topic: enough for parallel consumers, few enough for a laptop. */
    public static final int PARTITIONS = 3;

    private Topics() {
    }

    public static String inbox(Agency agency) {
        return "ips." + agency.slug() + ".inbox";
    }

    /** Every topic the platform uses, for the local stack and the tests to create. */
    public static List<String> all() {
        List<String> topics = new ArrayList<>();
        for (Agency agency : Agency.values()) {
            topics.add(inbox(agency));
        }
        topics.add(STATUS);
        topics.add(AUDIT);
        topics.add(DEAD_LETTER);
        topics.add(AUDIT_CHECKPOINTS);
        return List.copyOf(topics);
    }
}
