package nl.ipsexchange.faulttests;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.Topics;
import nl.ipsexchange.stack.ServiceDefinition;
import nl.ipsexchange.testsupport.ConsumerProgress;
import nl.ipsexchange.testsupport.TrackingTokens;
import nl.ipsexchange.testsupport.TrackingTokens.Position;

/**
 * How far each service has got, read from the outside: its relays' positions in its own event store (Axon's
 * tracking tokens in {@code token_entry}) and its consumer group's committed offsets on the topics it reads.
 */
final class Progress {

    /** The topics each service reads (its {@code ips.messaging.subscriptions}). */
    static final Map<ServiceDefinition, List<String>> SUBSCRIPTIONS = Map.of(
            ServiceDefinition.MENTAL_HEALTH_AGENCY, List.of(Topics.STATUS, Topics.inbox(Agency.MENTAL_HEALTH)),
            ServiceDefinition.BENEFITS_AGENCY, List.of(Topics.STATUS, Topics.inbox(Agency.BENEFITS)),
            ServiceDefinition.MUNICIPALITY, List.of(Topics.STATUS, Topics.inbox(Agency.MUNICIPALITY)),
            ServiceDefinition.INSURER, List.of(Topics.STATUS, Topics.inbox(Agency.INSURER)),
            ServiceDefinition.AUDIT, List.of(Topics.STATUS, Topics.AUDIT));

    private final FaultStack stack;

    Progress(FaultStack stack) {
        this.stack = stack;
    }

    /** Every segment's position of every streaming processor of the service; a segment without a token: null. */
    Map<String, List<Position>> positions(ServiceDefinition service) {
        Map<String, List<Position>> positions = new LinkedHashMap<>();
        for (List<String> row : stack.rows(service, "select processor_name, convert_from(token, 'UTF8') "
                + "from token_entry order by processor_name, segment")) {
            positions.computeIfAbsent(row.get(0), name -> new ArrayList<>()).add(TrackingTokens.position(row.get(1)));
        }
        return positions;
    }

    /**
     * Whether the relay has handled the aggregate's event at {@code globalIndex}: the position of the one segment that
     * handles that aggregate's events (its id's hash under the segment mask: the relay sequences by client id, and a
     * client's own aggregate has the client id as its id), or of every segment when they are not evenly split.
     */
    boolean relayed(ServiceDefinition service, String processor, String aggregateId, long globalIndex) {
        List<Position> segments = positions(service).get(processor);
        if (segments == null || segments.isEmpty()) {
            return false;
        }
        int count = segments.size();
        if (Integer.bitCount(count) == 1) {
            Position owner = segments.get(aggregateId.hashCode() & (count - 1));
            return owner != null && owner.covers(globalIndex);
        }
        return segments.stream().allMatch(p -> p != null && p.covers(globalIndex));
    }

    /**
     * Whether every streaming processor of the service has passed the last event in its event store that it handles.
     * (Not simply the last event: a pooled processor's stream skips the types none of its handlers takes, so its
     * position stays at the last event it handled.)
     */
    boolean relaysCaughtUp(ServiceDefinition service) {
        return lagging(service).isEmpty();
    }

    /** The processors of the service that have not passed the last event they handle, with where they are. */
    List<String> lagging(ServiceDefinition service) {
        List<String> lagging = new ArrayList<>();
        positions(service).forEach((processor, segments) -> {
            long head = lastHandled(service, processor);
            if (head > 0 && !segments.stream().allMatch(p -> p != null && p.covers(head))) {
                lagging.add(service.name() + " " + processor + " at " + segments + ", last event it handles " + head);
            }
        });
        return lagging;
    }

    /** The global index of the last event in the service's store that the processor handles (0: none). */
    private long lastHandled(ServiceDefinition service, String processor) {
        Set<String> types = HandledTypes.of(processor);
        if (types.isEmpty()) {
            return 0;
        }
        return stack.count(service, "select coalesce(max(global_index), 0) from domain_event_entry "
                + "where payload_type = any (?)", (Object) types.toArray(String[]::new));
    }

    /**
     * Events in the service's event store that its integration relay handles and that no segment of it has passed
     * yet: committed, certainly not yet published (a lower bound: a segment may also be behind the furthest one).
     */
    long unpublished(ServiceDefinition service) {
        String processor = "integration-publisher";
        List<Position> segments = positions(service).getOrDefault(processor, List.of());
        long furthest = segments.stream().mapToLong(p -> p == null ? 0 : p.index()).max().orElse(0);
        return stack.count(service, "select count(*) from domain_event_entry where global_index > ? "
                + "and payload_type = any (?)", furthest, HandledTypes.of(processor).toArray(String[]::new));
    }

    /** The global index of the newest event in the service's event store. */
    long newest(ServiceDefinition service) {
        return stack.count(service, "select coalesce(max(global_index), 0) from domain_event_entry");
    }

    /** Events the service's integration relay handles, stored after the event at {@code globalIndex}. */
    long storedAfter(ServiceDefinition service, long globalIndex) {
        return stack.count(service, "select count(*) from domain_event_entry where global_index > ? "
                + "and payload_type = any (?)", globalIndex, HandledTypes.of("integration-publisher")
                .toArray(String[]::new));
    }

    /** Whether the service's consumer group has committed offsets at the end of every topic it reads. */
    boolean consumed(Admin admin, ServiceDefinition service) {
        return ConsumerProgress.hasConsumed(admin, service.name(), SUBSCRIPTIONS.get(service));
    }

    /**
     * Whether everything has settled: every relay of every service has published everything it handles and every
     * consumer group has handled every message.
     */
    boolean settled() {
        try (Admin admin = stack.admin()) {
            for (int round = 0; round < 2; round++) {
                // twice: a message handled in between may itself have written an event to relay
                for (ServiceDefinition service : ServiceDefinition.ALL) {
                    if (!relaysCaughtUp(service) || !consumed(admin, service)) {
                        return false;
                    }
                }
            }
            return true;
        } catch (FaultStack.DatabaseUnavailableException e) {
            return false;
        }
    }

    /** What has not settled yet, for a message. */
    String unsettled() {
        List<String> parts = new ArrayList<>();
        try (Admin admin = stack.admin()) {
            for (ServiceDefinition service : ServiceDefinition.ALL) {
                parts.addAll(lagging(service));
                if (!consumed(admin, service)) {
                    parts.add(service.name() + " has not consumed every topic it reads to its end");
                }
            }
        } catch (RuntimeException e) {
            parts.add(e.toString());
        }
        return String.join("; ", parts);
    }
}
