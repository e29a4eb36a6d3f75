package nl.ipsexchange.platform.audit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an endpoint that can show a client's health data. A caller whose role the endpoint's {@code @PreAuthorize}
 * refuses still leaves a DENIED access record naming the client (from the path) and the health categories it tried
 * to read: an attempt to read health data without the right is part of the trail (issue 6).
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface ReadsHealthData {

    /** The path variable that names the client. */
    String client() default "clientId";

    /** The path variable that names one health category; empty when the endpoint may show every health category. */
    String category() default "";
}
