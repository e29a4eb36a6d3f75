package nl.ipsexchange.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The architecture every service keeps, checked by each service's own architecture test:
 * <ul>
 *   <li>the domain ({@code ..command..}) knows nothing of the web, Kafka, JDBC or the other layers;</li>
 *   <li>projections ({@code ..query..}) know nothing of the web or Kafka;</li>
 *   <li>every request handler names the roles allowed ({@code @PreAuthorize}): default deny;</li>
 *   <li>no controller knows where users come from: an OpenID Connect provider can replace the demo user store.</li>
 * </ul>
 */
public final class ArchitectureRules {

    private ArchitectureRules() {
    }

    public static JavaClasses importService(String basePackage) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage);
    }

    public static ArchRule domainIsFreeOfWebAndMessaging() {
        return noClasses().that().resideInAPackage("..command..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "nl.ipsexchange..web..", "nl.ipsexchange..messaging..", "nl.ipsexchange..query..",
                        "org.springframework.web..", "org.springframework.kafka..", "org.apache.kafka..",
                        "org.springframework.jdbc..", "jakarta.servlet..", "org.springframework.http..")
                .because("the domain must not depend on how it is reached or what it talks to");
    }

    public static ArchRule projectionsAreFreeOfWebAndMessaging() {
        return noClasses().that().resideInAPackage("..query..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "nl.ipsexchange..web..", "nl.ipsexchange..messaging..", "org.springframework.web..", "org.springframework.kafka..",
                        "org.apache.kafka..", "jakarta.servlet..")
                .because("projections are read models, not entry points");
    }

    private static final java.util.List<Class<? extends java.lang.annotation.Annotation>> MAPPINGS = java.util.List.of(
            org.springframework.web.bind.annotation.RequestMapping.class,
            org.springframework.web.bind.annotation.GetMapping.class,
            org.springframework.web.bind.annotation.PostMapping.class,
            org.springframework.web.bind.annotation.PutMapping.class,
            org.springframework.web.bind.annotation.DeleteMapping.class,
            org.springframework.web.bind.annotation.PatchMapping.class);

    /** Every request handler, API or page, names who may use it, even when that is everyone ({@code permitAll()}). */
    public static ArchRule everyEndpointNamesItsRoles() {
        com.tngtech.archunit.base.DescribedPredicate<com.tngtech.archunit.core.domain.JavaMethod> endpoints =
                com.tngtech.archunit.base.DescribedPredicate.describe("request handlers of controllers", method ->
                        (method.getOwner().isAnnotatedWith(org.springframework.stereotype.Controller.class)
                                || method.getOwner().isAnnotatedWith(
                                org.springframework.web.bind.annotation.RestController.class))
                                && MAPPINGS.stream().anyMatch(method::isAnnotatedWith));
        return methods().that(endpoints)
                .should().beAnnotatedWith(org.springframework.security.access.prepost.PreAuthorize.class)
                .because("every endpoint is protected from the start: default deny");
    }

    /**
     * Controllers, pages and the domain learn who is calling only from the security context ({@code CurrentUser}:
     * a name and {@code ROLE_*} authorities), never from the user store: replacing the demo users by an OpenID Connect
     * provider touches no controller.
     */
    public static ArchRule nothingButTheSecurityConfigurationKnowsTheUserStore() {
        return noClasses().that().resideOutsideOfPackage("nl.ipsexchange.platform.security")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework.security.core.userdetails..", "org.springframework.security.provisioning..",
                        "org.springframework.security.authentication.dao..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName(
                        "org.springframework.security.authentication.UsernamePasswordAuthenticationToken")
                .because("the user store is replaceable (an OpenID Connect provider) without touching a controller");
    }
}
