package nl.ipsexchange.platform.security;

import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AccountStatusException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Every password login (HTTP Basic and the login form) passes here (ADR 35): a throttled account or address is
 * refused before its password is checked (so neither a right password nor {@link VerifiedPasswordCache} lets it in),
 * and a failure is logged, recorded as a security event and counted. The password check itself is Spring's
 * {@code DaoAuthenticationProvider}, which checks a dummy password for an unknown user so that unknown and known
 * users take about the same time and get the same answer.
 */
public class ThrottledAuthenticationProvider implements AuthenticationProvider {

    private final AuthenticationProvider passwords;
    private final LoginThrottle throttle;
    private final SecurityEvents events;

    public ThrottledAuthenticationProvider(AuthenticationProvider passwords, LoginThrottle throttle,
                                           SecurityEvents events) {
        this.passwords = passwords;
        this.throttle = throttle;
        this.events = events;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String name = authentication.getName();
        String address = authentication.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress() : null;
        SecurityEvents.Channel channel = channel();
        LoginThrottle.Standing standing;
        try {
            standing = throttle.standing(name, address);
            if (standing.refused()) {
                events.loginThrottled(name, address, channel, standing.refusedFor());
                throw new LoginThrottledException(standing.refusedFor());
            }
        } catch (DataAccessException unavailable) {
            throw new LoginUncheckedException();
        }
        Authentication authenticated;
        try {
            authenticated = passwords.authenticate(authentication);
        } catch (BadCredentialsException | AccountStatusException failed) {
            try {
                events.loginFailed(name, address, channel);
                throttle.failed(name, address);
            } catch (DataAccessException unavailable) {
                throw new LoginUncheckedException();
            }
            throw failed;
        }
        if (standing.accountHasFailures()) {
            try {
                throttle.succeeded(name);
            } catch (DataAccessException unavailable) {
                throw new LoginUncheckedException();
            }
        }
        return authenticated;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return passwords.supports(authentication);
    }

    /** The login form is a POST to {@code /login}; every other password login is HTTP Basic. */
    private static SecurityEvents.Channel channel() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes instanceof ServletRequestAttributes servlet) {
            HttpServletRequest request = servlet.getRequest();
            if (HttpMethod.POST.matches(request.getMethod()) && "/login".equals(request.getServletPath())) {
                return SecurityEvents.Channel.FORM;
            }
        }
        return SecurityEvents.Channel.API;
    }
}
