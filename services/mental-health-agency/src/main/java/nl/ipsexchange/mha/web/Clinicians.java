package nl.ipsexchange.mha.web;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import org.springframework.security.access.prepost.PreAuthorize;

/** Only the clinicians: recording health information and deciding on requests for it. */
@Documented
@Retention(RUNTIME)
@Target({METHOD, TYPE})
@PreAuthorize("hasRole('CLINICIAN')")
public @interface Clinicians {
}
