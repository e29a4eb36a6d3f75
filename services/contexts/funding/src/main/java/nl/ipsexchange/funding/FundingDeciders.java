package nl.ipsexchange.funding;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import org.springframework.security.access.prepost.PreAuthorize;

/** Who decides a funder's applications: approves or rejects them. */
@Documented
@Retention(RUNTIME)
@Target({METHOD, TYPE})
@PreAuthorize("hasAnyRole('LABOUR_EXPERT', 'BENEFITS_MANAGER', 'CASE_MANAGER', 'PARTICIPATION_ADVISER')")
public @interface FundingDeciders {
}
