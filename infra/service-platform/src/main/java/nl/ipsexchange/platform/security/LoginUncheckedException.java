package nl.ipsexchange.platform.security;

import org.springframework.security.authentication.AuthenticationServiceException;

/** The throttle's state could not be read or written (the database is away): no login is tried meanwhile. */
public class LoginUncheckedException extends AuthenticationServiceException {

    public LoginUncheckedException() {
        super("the login throttle is unavailable");
    }
}
