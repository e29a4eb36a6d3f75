package nl.ipsexchange.mha.web;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import org.springframework.security.access.prepost.PreAuthorize;

/** Who may read the agency's IPS teams (no client in them): its staff, the director and the fidelity reviewers. */
@Documented
@Retention(RUNTIME)
@Target({METHOD, TYPE})
@PreAuthorize("hasAnyRole('CLINICIAN', 'IPS_SPECIALIST', 'PROGRAMME_DIRECTOR', 'FIDELITY_REVIEWER')")
public @interface TeamReaders {
}
