package nl.ipsexchange.municipality;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import nl.ipsexchange.testsupport.OnTestInfrastructure;

/**
 * The municipality on a random port with the demo users, on a database of the test infrastructure and the shared
 * broker: one application context, and so one database, for every class that carries it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + MunicipalityApplication.SERVICE_NAME)
@ActiveProfiles("demo")
@OnTestInfrastructure(MunicipalityApplication.SERVICE_NAME)
public @interface MunicipalityTest {
}
