package nl.ipsexchange.status;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import org.springframework.security.access.prepost.PreAuthorize;

/** Each agency's managers and the auditor: the exchange's status and measures, no client's data. */
@Documented
@Retention(RUNTIME)
@Target({METHOD, TYPE})
@PreAuthorize("hasAnyRole('PROGRAMME_DIRECTOR', 'BENEFITS_MANAGER', 'PARTICIPATION_ADVISER', 'CARE_ADVISER', "
        + "'AUDITOR')")
public @interface StatusReaders {
}
