package nl.ipsexchange.testsupport;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * The architecture every service keeps, checked by each service's own architecture test:
 * <ul>
 *   <li>the domain ({@code ..command..}) knows nothing of the web, Kafka, JDBC or the other layers;</li>
 *   <li>projections ({@code ..query..}) know nothing of the web or Kafka;</li>
 *   <li>every request handler names the roles allowed ({@code @PreAuthorize}, or a role group annotated with it):
 *   default deny;</li>
 *   <li>no controller knows where users come from: an OpenID Connect provider can replace the demo user store;</li>
 *   <li>the platform ({@code nl.ipsexchange.platform..}) depends on no business context and no service: contexts
 *   plug into it (their own auto-configuration, settings and migrations, ADR 0039), never the reverse;</li>
 *   <li>a business context depends on no other context or service, only on the platform and the shared kernel.</li>
 * </ul>
 */
public final class ArchitectureRules {

    private ArchitectureRules() {
    }

    /** The platform's packages. */
    public static final String PLATFORM = "nl.ipsexchange.platform..";

    /** What is not business: the platform, the shared kernel's contracts, the embedded infrastructure, test support. */
    private static final String[] NOT_BUSINESS = {PLATFORM, "nl.ipsexchange.kernel..", "nl.ipsexchange.infra..",
            "nl.ipsexchange.testsupport.."};
    private static final String EVENT_STORE = "nl.ipsexchange.infra.eventstore..";
    private static final Map<String, JavaClasses> IMPORTED = new ConcurrentHashMap<>();

    /**
     * A package's production classes, imported once per test JVM: JUnit makes a test instance per test method, and an
     * import with its dependencies resolved from the class path costs one to two seconds each time.
     */
    public static JavaClasses importService(String basePackage) {
        return IMPORTED.computeIfAbsent(basePackage, base -> new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(base));
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

    private static final List<Class<? extends Annotation>> MAPPINGS = List.of(
            RequestMapping.class,
            GetMapping.class,
            PostMapping.class,
            PutMapping.class,
            DeleteMapping.class,
            PatchMapping.class);

    /**
     * Every request handler, API or page, names who may use it, even when that is everyone ({@code permitAll()}):
     * by {@code @PreAuthorize} itself or by a role group such as {@code @Staff} that carries it, which Spring
     * Security's method security honours alike.
     */
    public static ArchRule everyEndpointNamesItsRoles() {
        DescribedPredicate<JavaMethod> endpoints =
                DescribedPredicate.describe("request handlers of controllers", method ->
                        (method.getOwner().isAnnotatedWith(Controller.class)
                                || method.getOwner().isAnnotatedWith(
                                RestController.class))
                                && MAPPINGS.stream().anyMatch(method::isAnnotatedWith));
        return methods().that(endpoints)
                .should().beAnnotatedWith(PreAuthorize.class)
                .orShould().beMetaAnnotatedWith(PreAuthorize.class)
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

    /**
     * The platform holds infrastructure only: none of its classes depends on a business context (funding, ...) or a
     * service, i.e. on any {@code nl.ipsexchange} package but the platform's, the kernel's, the embedded
     * infrastructure's and test support's. A context contributes its beans, settings and migrations itself.
     */
    public static ArchRule platformDependsOnNoBusinessContext() {
        return noClasses().that().resideInAPackage(PLATFORM)
                .should().dependOnClassesThat(resideInAPackage("nl.ipsexchange..")
                        .and(not(resideInAnyPackage(NOT_BUSINESS))))
                .because("the platform is infrastructure: business contexts plug into it, never the reverse");
    }

    /**
     * A business context ({@code contextPackage}, e.g. {@code nl.ipsexchange.funding}) depends only on itself, the
     * platform and the shared kernel: on another context or a service only through the kernel's contracts.
     */
    public static ArchRule contextDependsOnlyOnPlatformAndKernel(String contextPackage) {
        String context = contextPackage + "..";
        return noClasses().that().resideInAPackage(context)
                .should().dependOnClassesThat(resideInAPackage("nl.ipsexchange..")
                        .and(not(resideInAnyPackage(NOT_BUSINESS)))
                        .and(not(resideInAPackage(context))))
                .because("contexts meet only through the shared kernel's contracts");
    }

    /**
     * The event store's tuning (Axon's JDBC engine on PostgreSQL) is infrastructure below the platform: it depends on
     * no {@code nl.ipsexchange} package but its own, so it can be read, tested and upgraded with Axon on its own.
     */
    public static ArchRule eventStoreDependsOnNothingOfTheExchange() {
        return noClasses().that().resideInAPackage(EVENT_STORE)
                .should().dependOnClassesThat(resideInAPackage("nl.ipsexchange..")
                        .and(not(resideInAPackage(EVENT_STORE))))
                .because("the event store knows Axon, JDBC and JSON, not the platform, the kernel or a context");
    }

    /**
     * One file layout for the messages of an aggregate or read model (ADR 0042): its commands are records nested in
     * {@code <Aggregate>Commands}, its events in {@code <Aggregate>Events} (both in the command package), its queries
     * in {@code <ReadModel>Queries} (in the query package).
     */
    public static ArchRule messagesLiveInOneFilePerAggregateAndKind() {
        DescribedPredicate<JavaClass> messages = DescribedPredicate.describe("commands, events and queries",
                message -> message.getRawSuperclass().map(superclass -> superclass.isEquivalentTo(Record.class))
                        .orElse(false) && kindOf(message) != null);
        ArchCondition<JavaClass> nestedInTheirKindsFile = new ArchCondition<>("be nested in the file of their kind") {
            @Override
            public void check(JavaClass message, ConditionEvents events) {
                String holder = message.getEnclosingClass().map(JavaClass::getSimpleName).orElse("its own file");
                boolean nested = holder.endsWith(kindOf(message));
                events.add(new SimpleConditionEvent(message, nested, message.getName() + " is in " + holder
                        + ", not in a file named <...>" + kindOf(message)));
            }
        };
        return classes().that(messages).should(nestedInTheirKindsFile)
                .because("one file layout for messages, everywhere").allowEmptyShould(true);
    }

    /** Commands, Events or Queries for a message of an aggregate or read model; null for anything else. */
    private static String kindOf(JavaClass type) {
        String name = type.getSimpleName();
        String pkg = type.getPackageName();
        if (pkg.contains(".command") && name.endsWith("Command")) {
            return "Commands";
        }
        if (pkg.contains(".command") && name.endsWith("Event")) {
            return "Events";
        }
        return pkg.contains(".query") && name.endsWith("Query") ? "Queries" : null;
    }
}
