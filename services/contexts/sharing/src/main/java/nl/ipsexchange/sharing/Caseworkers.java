package nl.ipsexchange.sharing;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import org.springframework.security.access.prepost.PreAuthorize;

/** A receiving agency's caseworkers: what a client shared with this agency, and the requests for more. */
@Documented
@Retention(RUNTIME)
@Target({METHOD, TYPE})
@PreAuthorize("hasAnyRole('LABOUR_EXPERT', 'INSURANCE_PHYSICIAN', 'CASE_MANAGER', 'CARE_ADVISER')")
public @interface Caseworkers {
}
