package nl.ipsexchange.platform.axon;

import static org.axonframework.common.ExceptionUtils.findException;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * Sends a command again when, and only when, it lost a race for its aggregate (a {@link ConcurrencyException}
 * anywhere in its failure): its work was rolled back, so it is decided again on the winner's events. A rule's refusal
 * or any other failure is answered at once, as before. Axon's interval scheduler would retry every failure that is not
 * marked non-transient, refusals included, and judges each link of the cause chain on its own.
 */
public class ConcurrencyRetryScheduler implements RetryScheduler {

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "command-retry");
        thread.setDaemon(true);
        return thread;
    });
    private final int maxRetries;
    private final long intervalMillis;

    public ConcurrencyRetryScheduler(int maxRetries, long intervalMillis) {
        this.maxRetries = maxRetries;
        this.intervalMillis = intervalMillis;
    }

    @Override
    public boolean scheduleRetry(CommandMessage commandMessage, RuntimeException lastFailure,
                                 List<Class<? extends Throwable>[]> failures, Runnable commandDispatch) {
        if (failures.size() > maxRetries || !lostARace(lastFailure)) {
            return false;
        }
        executor.schedule(commandDispatch, intervalMillis, TimeUnit.MILLISECONDS);
        return true;
    }

    static boolean lostARace(Throwable failure) {
        return findException(failure, ConcurrencyException.class).isPresent();
    }
}
