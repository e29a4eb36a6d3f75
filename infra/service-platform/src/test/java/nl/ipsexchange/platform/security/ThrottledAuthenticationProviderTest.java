package nl.ipsexchange.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.transaction.support.TransactionTemplate;

import nl.ipsexchange.platform.IpsProperties;
import nl.ipsexchange.platform.PlatformDatabase;

/** The password check behind the throttle: done for unknown users too, never for a throttled login. */
class ThrottledAuthenticationProviderTest {

    private final AtomicInteger checks = new AtomicInteger();
    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
    private final PasswordEncoder counting = new PasswordEncoder() {
        @Override
        public String encode(CharSequence raw) {
            return bcrypt.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            checks.incrementAndGet();
            return bcrypt.matches(raw, encoded);
        }
    };
    private final ThrottledAuthenticationProvider logins = logins();

    private ThrottledAuthenticationProvider logins() {
        DriverManagerDataSource database = PlatformDatabase.fresh("logins");
        JdbcTemplate jdbc = new JdbcTemplate(database);
        Clock clock = Clock.fixed(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC);
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(new InMemoryUserDetailsManager(
                User.withUsername("clinician").password(bcrypt.encode("right")).roles("CLINICIAN").build()));
        passwords.setPasswordEncoder(counting);
        return new ThrottledAuthenticationProvider(passwords, new LoginThrottle(jdbc,
                new TransactionTemplate(new DataSourceTransactionManager(database)), clock,
                new IpsProperties.LoginThrottling()), new SecurityEvents(jdbc, clock));
    }

    @Test
    void anUnknownUsersPasswordIsCheckedAgainstADummyAndRefusedAsAWrongPassword() {
        int before = checks.get();
        assertThatThrownBy(() -> logins.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(
                "no-such-user", "guess"))).isExactlyInstanceOf(BadCredentialsException.class);
        assertThat(checks.get() - before).isEqualTo(1);
        assertThatThrownBy(() -> logins.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(
                "clinician", "guess"))).isExactlyInstanceOf(BadCredentialsException.class)
                .hasMessage("Bad credentials");
    }

    @Test
    void aThrottledLoginIsRefusedWithoutCheckingItsPassword() {
        for (int attempt = 1; attempt <= 10; attempt++) {
            assertThatThrownBy(() -> logins.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(
                    "clinician", "guess"))).isInstanceOf(BadCredentialsException.class);
        }
        int before = checks.get();
        assertThatThrownBy(() -> logins.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(
                "clinician", "right"))).isInstanceOf(LoginThrottledException.class);
        assertThat(checks.get()).isEqualTo(before);
    }
}
