package nl.ipsexchange.platform.security;

import java.time.Duration;

import org.springframework.security.core.AuthenticationException;

/** A login refused without checking its password: too many failures for the account or from the address. */
public class LoginThrottledException extends AuthenticationException {

    private final Duration retryAfter;

    public LoginThrottledException(Duration retryAfter) {
        super("too many failed logins");
        this.retryAfter = retryAfter;
    }

    /** Whole seconds until a login may be tried again, at least one. */
    public long retryAfterSeconds() {
        return Math.max(1, retryAfter.toSeconds() + (retryAfter.toMillisPart() > 0 ? 1 : 0));
    }
}
