package nl.ipsexchange.mha.web;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import org.springframework.security.access.prepost.PreAuthorize;

/**
 * Who may record an IPS-25 fidelity review: the fidelity reviewers, not the IPS specialists nor the programme
 * director, whose team's funding the reviews decide (ADR 0045).
 */
@Documented
@Retention(RUNTIME)
@Target({METHOD, TYPE})
@PreAuthorize("hasRole('FIDELITY_REVIEWER')")
public @interface FidelityReviewers {
}
