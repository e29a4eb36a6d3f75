package nl.ipsexchange.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class AwaitTest {

    @Test
    void aConditionThatThrowsHasNotHeldYet() {
        AtomicInteger checks = new AtomicInteger();

        Await.until(() -> {
            if (checks.incrementAndGet() < 3) {
                throw new IllegalStateException("connection refused: the service is restarting");
            }
            return true;
        }, Duration.ofSeconds(10), "the service answers");

        assertThat(checks).hasValue(3);
    }

    @Test
    void whenTheTimeIsUpTheLastFailureIsTheCause() {
        AtomicInteger checks = new AtomicInteger();

        assertThatThrownBy(() -> Await.until(() -> {
            throw new AssertionError("status 503, check " + checks.incrementAndGet());
        }, Duration.ofMillis(250), "the service answers"))
                .isInstanceOf(AssertionError.class).hasMessage("timed out waiting until the service answers")
                .cause().hasMessage("status 503, check " + checks.get());
        assertThat(checks.get()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void theConditionIsCheckedOnceMoreWhenTheTimeIsUp() {
        // holds from the moment the wait's time is up: a thread descheduled in its last sleep still sees it
        long timeUp = System.nanoTime() + Duration.ofMillis(150).toNanos();
        AtomicInteger checks = new AtomicInteger();

        Await.until(() -> checks.incrementAndGet() > 0 && System.nanoTime() >= timeUp, Duration.ofMillis(150),
                "the time is up");

        assertThat(checks.get()).isGreaterThan(1);
    }

    @Test
    void withoutTimeTheConditionIsCheckedOnce() {
        AtomicInteger checks = new AtomicInteger();

        assertThatThrownBy(() -> Await.until(() -> checks.incrementAndGet() > 1, Duration.ZERO, "a second check"))
                .hasMessage("timed out waiting until a second check");
        assertThat(checks).hasValue(1);
    }

    @Test
    void aConditionThatNeverHoldsTimesOutNamingWhatWasAwaited() {
        assertThatThrownBy(() -> Await.until(() -> false, Duration.ofMillis(150), "the message arrived"))
                .isInstanceOf(AssertionError.class).hasMessage("timed out waiting until the message arrived")
                .hasNoCause();
    }
}
