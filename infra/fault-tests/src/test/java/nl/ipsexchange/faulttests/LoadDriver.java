package nl.ipsexchange.faulttests;

import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nl.ipsexchange.faulttests.Scenario.Case;
import nl.ipsexchange.faulttests.Scenario.Step;
import nl.ipsexchange.testsupport.ApiClient;

/**
 * Keeps a steady load of scripted trajectories going through the public API: a number of cases at a time, one step of
 * each in turn. A step whose answer is not the accepted one is counted as refused and tried again later; when its
 * answer was lost rather than refused, its effect is looked for first, so it is never done twice.
 */
final class LoadDriver {

    private static final Logger log = LoggerFactory.getLogger(LoadDriver.class);
    /** Every case's start and end, to the log file only. */
    private static final Logger detail = LoggerFactory.getLogger("ips.fault.detail");
    private static final long RETRY_PAUSE_NANOS = Duration.ofMillis(500).toNanos();

    private final Scenario scenario;
    private final Figures figures;
    private final int parallelCases;
    private final List<Case> cases = new ArrayList<>();
    private int nextIndex;

    LoadDriver(Scenario scenario, Figures figures, int parallelCases, int firstIndex) {
        this.scenario = scenario;
        this.figures = figures;
        this.parallelCases = parallelCases;
        this.nextIndex = firstIndex;
    }

    List<Case> cases() {
        return cases;
    }

    /**
     * Starts new cases while {@code keepStarting} says so, keeps {@code parallelCases} going, and returns once every
     * started case has finished its script, or {@code finishWithin} after it stopped starting new ones.
     */
    void run(BooleanSupplier keepStarting, Duration finishWithin) {
        long finishDeadline = Long.MAX_VALUE;
        List<Case> active = new ArrayList<>();
        while (true) {
            boolean starting = keepStarting.getAsBoolean();
            if (!starting && finishDeadline == Long.MAX_VALUE) {
                finishDeadline = System.nanoTime() + finishWithin.toNanos();
            }
            // a case waiting for another service to receive what it sent (the broker may be down) does not count:
            // the load on the sender goes on meanwhile
            while (starting && active.stream().filter(c -> !c.waiting).count() < parallelCases
                    && active.size() < 4 * parallelCases) {
                int index = nextIndex++;
                Case c = scenario.newCase(index, Scenario.Variant.values()[index % Scenario.Variant.values().length]);
                cases.add(c);
                active.add(c);
                detail.info("started {}", c);
            }
            if (active.isEmpty()) {
                return;
            }
            if (System.nanoTime() > finishDeadline) {
                // a case that cannot go on waits for an effect that did not come (lost): the checks will show it
                log.warn("{} cases did not finish within {} after the faults: {}", active.size(), finishWithin,
                        active);
                return;
            }
            boolean progressed = false;
            for (Case c : List.copyOf(active)) {
                progressed |= advance(c);
                if (c.finished()) {
                    active.remove(c);
                    detail.info("finished {}", c);
                }
            }
            if (!progressed) {
                FaultStack.sleep(50);
            }
        }
    }

    /** Runs the given cases to their end (no faults meanwhile: the reference run). */
    void runToEnd(List<Case> some, Duration within) {
        cases.addAll(some);
        long deadline = System.nanoTime() + within.toNanos();
        while (some.stream().anyMatch(c -> !c.finished())) {
            boolean progressed = false;
            for (Case c : some) {
                if (!c.finished()) {
                    progressed |= advance(c);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the reference cases did not finish within " + within + ": " + some);
            }
            if (!progressed) {
                FaultStack.sleep(50);
            }
        }
    }

    /** One attempt at the case's next step. @return whether the case moved on */
    private boolean advance(Case c) {
        if (c.finished() || System.nanoTime() < c.notBeforeNanos) {
            return false;
        }
        Step step = c.steps.get(c.next);
        try {
            if (c.answerLost) {
                if (step.effectPresent().getAsBoolean()) {
                    detail.info("case {} {}: its effect is there, not sent again", c.index, step.kind());
                    figures.answerLostButDone.incrementAndGet();
                    figures.accepted(step.kind(), step.read());
                    done(c);
                    return true;
                }
                c.answerLost = false;
            }
            c.waiting = step.ready() != null && !step.ready().getAsBoolean();
            if (c.waiting) {
                return false;
            }
        } catch (FaultStack.DatabaseUnavailableException e) {
            c.notBeforeNanos = System.nanoTime() + RETRY_PAUSE_NANOS;
            return false;
        }

        (step.read() ? figures.readsTried : figures.tried).incrementAndGet();
        ApiClient.Response answer;
        try {
            answer = step.send().get();
        } catch (IllegalStateException e) {
            Throwable cause = e.getCause();
            boolean notSent = cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException;
            String reason = notSent ? "connection refused" : "answer lost (" + cause.getClass().getSimpleName() + ")";
            detail.info("case {} {}: {}", c.index, step.kind(), reason);
            refused(c, step, reason, !notSent);
            return false;
        }
        detail.info("case {} {}: {}", c.index, step.kind(), answer.status());
        if (step.expected().test(answer.status())) {
            step.onAccepted().accept(answer);
            figures.accepted(step.kind(), step.read());
            done(c);
            return true;
        }
        if (answer.status() < 500) {
            // not a fault's refusal: the script expected something else; it is retried, and shown
            if (!answer.body().equals(c.lastProblem)) {
                log.warn("{}: {} answered {} {}", c, step.kind(), answer.status(), answer.body());
                c.lastProblem = answer.body();
            }
        }
        refused(c, step, "HTTP " + answer.status(), true);
        return false;
    }

    private void refused(Case c, Step step, String reason, boolean answerLost) {
        figures.refused((step.read() ? "read: " : "") + reason, step.read());
        c.answerLost = answerLost;
        c.notBeforeNanos = System.nanoTime() + RETRY_PAUSE_NANOS;
    }

    private static void done(Case c) {
        c.next++;
        c.answerLost = false;
        c.lastProblem = null;
    }
}
