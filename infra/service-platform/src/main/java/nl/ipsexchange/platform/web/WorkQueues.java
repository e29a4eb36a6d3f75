package nl.ipsexchange.platform.web;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.springframework.security.core.Authentication;

/** Every {@link WorkQueue} of the service's modules, asked for what waits for one user, in a stable order. */
public class WorkQueues {

    private final List<WorkQueue> queues;

    public WorkQueues(List<WorkQueue> queues) {
        this.queues = queues.stream()
                .sorted(Comparator.comparingInt(WorkQueue::order).thenComparing(WorkQueue::path)).toList();
    }

    public List<WorkQueue.Waiting> waitingFor(Authentication user) {
        return queues.stream().map(queue -> queue.waitingFor(user)).flatMap(Optional::stream).toList();
    }
}
