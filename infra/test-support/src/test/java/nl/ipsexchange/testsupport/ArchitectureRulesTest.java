package nl.ipsexchange.testsupport;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Test;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;

/** The role rule accepts a role group as well as {@code @PreAuthorize} itself, and still fails for no role. */
class ArchitectureRulesTest {

    @Retention(RUNTIME)
    @Target({METHOD, TYPE})
    @PreAuthorize("hasRole('CLINICIAN')")
    @interface Clinicians {
    }

    /** Carries no role: an endpoint annotated with it only names no one. */
    @Retention(RUNTIME)
    @Target(METHOD)
    @interface Audited {
    }

    @RestController
    static class NamedRoles {

        @GetMapping("/direct")
        @PreAuthorize("hasRole('CLINICIAN')")
        void direct() {
        }

        @PostMapping("/group")
        @Clinicians
        void group() {
        }

        void notAnEndpoint() {
        }
    }

    @RestController
    static class NoRole {

        @GetMapping("/open")
        void open() {
        }
    }

    @Controller
    static class UnrelatedAnnotationOnly {

        @GetMapping("/page")
        @Audited
        String page() {
            return "page";
        }
    }

    @Test
    void anEndpointMayNameItsRolesDirectlyOrByARoleGroup() {
        JavaClasses classes = new ClassFileImporter().importClasses(NamedRoles.class, Clinicians.class);

        assertThatNoException().isThrownBy(() -> ArchitectureRules.everyEndpointNamesItsRoles().check(classes));
    }

    @Test
    void anEndpointWithoutARoleFails() {
        JavaClasses classes = new ClassFileImporter().importClasses(NamedRoles.class, Clinicians.class, NoRole.class);

        EvaluationResult result = ArchitectureRules.everyEndpointNamesItsRoles().evaluate(classes);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .singleElement().asString().contains(NoRole.class.getName() + ".open()");
    }

    @Test
    void anAnnotationThatCarriesNoRoleDoesNotCount() {
        JavaClasses classes = new ClassFileImporter().importClasses(UnrelatedAnnotationOnly.class, Audited.class);

        EvaluationResult result = ArchitectureRules.everyEndpointNamesItsRoles().evaluate(classes);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .singleElement().asString().contains(UnrelatedAnnotationOnly.class.getName() + ".page()");
    }
}
