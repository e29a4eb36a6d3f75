package nl.ipsexchange.mha.web;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import org.springframework.security.access.prepost.PreAuthorize;

/** Who may read the fidelity reviews: those who record them, the director, the specialists and the clinicians. */
@Documented
@Retention(RUNTIME)
@Target({METHOD, TYPE})
@PreAuthorize("hasAnyRole('PROGRAMME_DIRECTOR', 'IPS_SPECIALIST', 'CLINICIAN', 'FIDELITY_REVIEWER')")
public @interface FidelityReaders {
}
