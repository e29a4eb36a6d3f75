package nl.ipsexchange.mha.web;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import org.springframework.security.access.prepost.PreAuthorize;

/** Who may record an IPS-25 fidelity review: the programme director and the IPS specialists. */
@Documented
@Retention(RUNTIME)
@Target({METHOD, TYPE})
@PreAuthorize("hasAnyRole('PROGRAMME_DIRECTOR', 'IPS_SPECIALIST')")
public @interface FidelityReviewers {
}
