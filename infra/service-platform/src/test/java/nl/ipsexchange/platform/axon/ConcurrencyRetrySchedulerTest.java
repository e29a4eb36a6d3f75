package nl.ipsexchange.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;

import nl.ipsexchange.kernel.RuleViolationException;

/** Only a lost race for an aggregate is sent again, a bounded number of times; a refusal is answered at once. */
class ConcurrencyRetrySchedulerTest {

    private final ConcurrencyRetryScheduler scheduler = new ConcurrencyRetryScheduler(3, 1);

    @Test
    void aLostRaceIsSentAgainUpToThreeTimes() throws InterruptedException {
        RuntimeException race = new CommandExecutionException("failed", new ConcurrencyException("taken"));
        CountDownLatch dispatched = new CountDownLatch(3);
        List<Class<? extends Throwable>[]> failures = new ArrayList<>();
        List<Boolean> scheduled = new ArrayList<>();
        for (int attempt = 1; attempt <= 4; attempt++) {
            failures.add(new Class[] {ConcurrencyException.class});
            scheduled.add(scheduler.scheduleRetry(GenericCommandMessage.asCommandMessage("c"), race, failures,
                    dispatched::countDown));
        }

        assertThat(scheduled).containsExactly(true, true, true, false);
        assertThat(dispatched.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aRefusalIsNotSentAgain() {
        List<Class<? extends Throwable>[]> failures = new ArrayList<>();
        failures.add(new Class[] {RuleViolationException.class});

        assertThat(scheduler.scheduleRetry(GenericCommandMessage.asCommandMessage("c"),
                RuleViolationException.invalid("validUntil: must not be in the past"), failures, () -> {
                })).isFalse();
    }
}
