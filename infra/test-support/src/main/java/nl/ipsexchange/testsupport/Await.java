package nl.ipsexchange.testsupport;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting in a test for something that happens elsewhere (another thread, service or process). */
public final class Await {

    private Await() {
    }

    /**
     * Polls the condition every 100 ms until it holds.
     *
     * @throws AssertionError naming {@code what} when it does not hold within {@code timeout}
     */
    public static void until(BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting until " + what);
            }
        }
        throw new AssertionError("timed out waiting until " + what);
    }
}
