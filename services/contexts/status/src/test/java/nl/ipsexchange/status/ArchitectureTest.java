package nl.ipsexchange.status;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;

import nl.ipsexchange.testsupport.ArchitectureRules;

/**
 * Status keeps the rules every service keeps, depends only on the platform and the shared kernel, and the platform,
 * with status beside it on the class path, still depends on none of it (ADR 0039). Status has no aggregate and no
 * {@code query} package (its projection is written by the recorder as events arrive), so the domain and projection
 * rules have nothing to check here.
 */
class ArchitectureTest {

    private final JavaClasses classes = ArchitectureRules.importService("nl.ipsexchange.status");

    @Test
    void everyEndpointNamesItsRoles() {
        ArchitectureRules.everyEndpointNamesItsRoles().check(classes);
    }

    @Test
    void nothingButTheSecurityConfigurationKnowsTheUserStore() {
        ArchitectureRules.nothingButTheSecurityConfigurationKnowsTheUserStore().check(classes);
    }

    @Test
    void statusDependsOnlyOnThePlatformAndTheKernel() {
        ArchitectureRules.contextDependsOnlyOnPlatformAndKernel("nl.ipsexchange.status").check(classes);
    }

    @Test
    void thePlatformDependsOnNoBusinessContext() {
        ArchitectureRules.platformDependsOnNoBusinessContext()
                .check(ArchitectureRules.importService("nl.ipsexchange.platform"));
    }
}
