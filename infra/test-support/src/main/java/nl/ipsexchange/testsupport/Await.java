package nl.ipsexchange.testsupport;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting in a test for something that happens elsewhere (another thread, service or process). */
public final class Await {

    private Await() {
    }

    /**
     * Polls the condition every 100 ms until it holds, and once more at the end. A condition that throws (a service
     * that is restarting refuses a connection, an answer that is not there yet) has not held yet; when the time is up,
     * the last such failure is the cause of the error.
     *
     * @throws AssertionError naming {@code what} when it does not hold within {@code timeout}
     */
    public static void until(BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Throwable lastFailure = null;
        while (true) {
            boolean last = System.nanoTime() >= deadline;
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException | AssertionError e) {
                lastFailure = e;
            }
            if (last) {
                throw new AssertionError("timed out waiting until " + what, lastFailure);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting until " + what);
            }
        }
    }
}
