package nl.ipsexchange.faulttests;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** The counts the fault suite reports: commands tried, accepted and refused, faults injected, effects checked. */
final class Figures {

    final AtomicLong tried = new AtomicLong();
    final AtomicLong accepted = new AtomicLong();
    final AtomicLong refused = new AtomicLong();
    /** Answers lost (connection cut, timeout, 5xx) whose effect the read-back found: done, not repeated. */
    final AtomicLong answerLostButDone = new AtomicLong();
    final AtomicLong readsTried = new AtomicLong();
    final AtomicLong readsAnswered = new AtomicLong();
    final Map<String, AtomicLong> refusedBy = new ConcurrentHashMap<>();
    final Map<String, AtomicLong> acceptedByKind = new ConcurrentHashMap<>();
    final Map<String, AtomicLong> faults = new ConcurrentHashMap<>();
    /** At each kill of the sender: events in its outbox (event store) that its relay had not yet passed. */
    final List<Long> outboxAtKills = new CopyOnWriteArrayList<>();

    void refused(String reason, boolean read) {
        if (!read) {
            refused.incrementAndGet();
        }
        refusedBy.computeIfAbsent(reason, r -> new AtomicLong()).incrementAndGet();
    }

    void accepted(String kind, boolean read) {
        (read ? readsAnswered : accepted).incrementAndGet();
        acceptedByKind.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
    }

    void fault(String kind) {
        faults.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
    }

    static String describe(Map<String, AtomicLong> counts) {
        StringBuilder out = new StringBuilder();
        new TreeMap<>(counts).forEach((key, value) -> out.append(out.length() == 0 ? "" : ", ").append(key)
                .append(' ').append(value.get()));
        return out.length() == 0 ? "none" : out.toString();
    }
}
