package nl.ipsexchange.meeting;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import org.springframework.security.access.prepost.PreAuthorize;

/** The practitioners who meet every six weeks about their shared clients: the agenda and its decisions. */
@Documented
@Retention(RUNTIME)
@Target({METHOD, TYPE})
@PreAuthorize("hasAnyRole('CLINICIAN', 'IPS_SPECIALIST', 'LABOUR_EXPERT', 'INSURANCE_PHYSICIAN', "
        + "'CASE_MANAGER')")
public @interface Practitioners {
}
