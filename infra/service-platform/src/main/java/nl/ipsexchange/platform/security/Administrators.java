package nl.ipsexchange.platform.security;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import org.springframework.security.access.prepost.PreAuthorize;

/** Only the administrators: parked messages and security events. */
@Documented
@Retention(RUNTIME)
@Target({METHOD, TYPE})
@PreAuthorize("hasRole('ADMINISTRATOR')")
public @interface Administrators {
}
