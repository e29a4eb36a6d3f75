package nl.ipsexchange.audit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import nl.ipsexchange.testsupport.OnTestInfrastructure;

/**
 * The audit service on a random port with the demo users, on a database of the test infrastructure and the shared
 * broker, verifying only when a test asks: one application context, and so one trail, for every class that carries it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + AuditApplication.SERVICE_NAME,
                // no verifications on a schedule here: the tests say when the trail is verified
                "ips.audit.verification.every=0s", "ips.audit.checkpoint.every=0s"})
@ActiveProfiles("demo")
@OnTestInfrastructure(AuditApplication.SERVICE_NAME)
public @interface AuditServiceTest {
}
