package nl.ipsexchange.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * The retry-or-park decision on its own: an outage is retried for as long as it takes and never counted; any other
 * failure of the same message is retried until it has failed three times, then parked; counts are per message.
 */
class FailedAttemptsTest {

    private final FailedAttempts attempts = new FailedAttempts(InboundMessageProcessor.ATTEMPTS_BEFORE_PARKING);
    private final RuntimeException poison = new IllegalStateException("this handler cannot take it");

    @Test
    void aPoisonMessageIsRetriedTwiceAndParkedOnItsThirdFailure() {
        UUID eventId = UUID.randomUUID();

        assertThat(attempts.judge(eventId, poison)).isEqualTo(new FailedAttempts.Verdict(false, 1));
        assertThat(attempts.judge(eventId, poison)).isEqualTo(new FailedAttempts.Verdict(false, 2));
        assertThat(attempts.judge(eventId, poison)).isEqualTo(new FailedAttempts.Verdict(true, 3));
    }

    @Test
    void anOutageIsNeverCountedHoweverLongItLasts() {
        UUID eventId = UUID.randomUUID();
        RuntimeException databaseAway = new DataAccessResourceFailureException("connection refused");
        RuntimeException noTransaction = new CannotCreateTransactionException("no connection",
                new IllegalStateException("pool exhausted"));

        for (int attempt = 0; attempt < 10; attempt++) {
            FailedAttempts.Verdict verdict = attempts.judge(eventId, attempt % 2 == 0 ? databaseAway : noTransaction);
            assertThat(verdict.passesByItself()).isTrue();
            assertThat(verdict.park()).isFalse();
        }
        assertThat(attempts.judge(eventId, poison)).as("the outage left no count behind")
                .isEqualTo(new FailedAttempts.Verdict(false, 1));
    }

    @Test
    void eachMessageIsCountedOnItsOwnAndAHandledOneStartsAfresh() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        attempts.judge(first, poison);
        attempts.judge(first, poison);

        assertThat(attempts.judge(second, poison).attempts()).isEqualTo(1);
        attempts.forget(first);
        assertThat(attempts.judge(first, poison)).isEqualTo(new FailedAttempts.Verdict(false, 1));
    }

    @Test
    void onlyTheMostRecentFailingMessagesAreRemembered() {
        UUID eldest = UUID.randomUUID();
        attempts.judge(eldest, poison);
        attempts.judge(eldest, poison);
        for (int i = 0; i < FailedAttempts.REMEMBERED; i++) {
            attempts.judge(UUID.randomUUID(), poison);
        }

        assertThat(attempts.judge(eldest, poison).attempts()).as("forgotten: counted afresh").isEqualTo(1);
    }
}
