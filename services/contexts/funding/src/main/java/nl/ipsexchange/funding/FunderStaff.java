package nl.ipsexchange.funding;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import org.springframework.security.access.prepost.PreAuthorize;

/** A funder's staff who work with its applications and payments. */
@Documented
@Retention(RUNTIME)
@Target({METHOD, TYPE})
@PreAuthorize("hasAnyRole('LABOUR_EXPERT', 'INSURANCE_PHYSICIAN', 'BENEFITS_MANAGER', 'CASE_MANAGER', 'PARTICIPATION_ADVISER')")
public @interface FunderStaff {
}
