package nl.ipsexchange.testsupport;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;

/**
 * The rules every module with endpoints or messages keeps; a module's {@code ArchitectureTest} extends this (or
 * {@link ContextArchitectureTest}) with its base package and adds the rules of its own layers.
 */
public abstract class ModuleArchitectureTest {

    protected final JavaClasses classes;

    protected ModuleArchitectureTest(String basePackage) {
        this.classes = ArchitectureRules.importService(basePackage);
    }

    @Test
    void everyEndpointNamesItsRoles() {
        ArchitectureRules.everyEndpointNamesItsRoles().check(classes);
    }

    @Test
    void nothingButTheSecurityConfigurationKnowsTheUserStore() {
        ArchitectureRules.nothingButTheSecurityConfigurationKnowsTheUserStore().check(classes);
    }

    @Test
    void messagesLiveInOneFilePerAggregateAndKind() {
        ArchitectureRules.messagesLiveInOneFilePerAggregateAndKind().check(classes);
    }
}
