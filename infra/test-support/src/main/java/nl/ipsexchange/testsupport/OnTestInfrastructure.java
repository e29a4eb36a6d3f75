package nl.ipsexchange.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.ContextCustomizerFactories;

/**
 * Points the service's Spring Boot application under test at a database of its own on the test infrastructure and at
 * the shared broker ({@link TestInfrastructure#register}). Test classes with the same service and the same settings
 * share one application context, and so one database: a class looks only at the clients it made. Meant as a
 * meta-annotation of a service's own test annotation, beside {@code @SpringBootTest}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ContextCustomizerFactories(TestInfrastructureCustomizerFactory.class)
public @interface OnTestInfrastructure {

    /** The service's name, as in {@code spring.config.name} and its Kafka login. */
    String value();
}
