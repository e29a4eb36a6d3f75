package nl.ipsexchange.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

class VerifiedPasswordCacheTest {

    private final AtomicInteger verifications = new AtomicInteger();
    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
    private final PasswordEncoder counting = new PasswordEncoder() {
        @Override
        public String encode(CharSequence raw) {
            return bcrypt.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            verifications.incrementAndGet();
            return bcrypt.matches(raw, encoded);
        }
    };

    @Test
    void aMatchingPasswordIsVerifiedOnceWithinTheTimeToLive() {
        VerifiedPasswordCache cache = new VerifiedPasswordCache(counting, Duration.ofMinutes(5));
        String hash = bcrypt.encode("demo");
        assertThat(cache.matches("demo", hash)).isTrue();
        assertThat(cache.matches("demo", hash)).isTrue();
        assertThat(verifications).hasValue(1);
    }

    @Test
    void aWrongPasswordIsAlwaysVerifiedInFullAndNeverAccepted() {
        VerifiedPasswordCache cache = new VerifiedPasswordCache(counting, Duration.ofMinutes(5));
        String hash = bcrypt.encode("demo");
        assertThat(cache.matches("demo", hash)).isTrue();
        assertThat(cache.matches("guess", hash)).isFalse();
        assertThat(cache.matches("guess", hash)).isFalse();
        assertThat(verifications).hasValue(3);
    }

    @Test
    void aChangedHashOrAnExpiredEntryIsVerifiedAgain() throws InterruptedException {
        VerifiedPasswordCache cache = new VerifiedPasswordCache(counting, Duration.ofMillis(50));
        String hash = bcrypt.encode("demo");
        assertThat(cache.matches("demo", hash)).isTrue();
        assertThat(cache.matches("demo", bcrypt.encode("other"))).isFalse();
        Thread.sleep(80);
        assertThat(cache.matches("demo", hash)).isTrue();
        assertThat(verifications).hasValue(3);
    }
}
