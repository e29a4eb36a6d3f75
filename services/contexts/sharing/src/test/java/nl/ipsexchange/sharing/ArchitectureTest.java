package nl.ipsexchange.sharing;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;

import nl.ipsexchange.testsupport.ArchitectureRules;

/**
 * Sharing keeps the rules every service keeps, depends only on the platform and the shared kernel, and the platform,
 * with sharing beside it on the class path, still depends on none of it (ADR 0039, 0041). Sharing has no aggregate
 * and no {@code query} package (its tables are written as messages arrive and read by its stores), so the domain and
 * projection rules have nothing to check here.
 */
class ArchitectureTest {

    private final JavaClasses classes = ArchitectureRules.importService("nl.ipsexchange.sharing");

    @Test
    void everyEndpointNamesItsRoles() {
        ArchitectureRules.everyEndpointNamesItsRoles().check(classes);
    }

    @Test
    void nothingButTheSecurityConfigurationKnowsTheUserStore() {
        ArchitectureRules.nothingButTheSecurityConfigurationKnowsTheUserStore().check(classes);
    }

    @Test
    void sharingDependsOnlyOnThePlatformAndTheKernel() {
        ArchitectureRules.contextDependsOnlyOnPlatformAndKernel("nl.ipsexchange.sharing").check(classes);
    }

    @Test
    void thePlatformDependsOnNoBusinessContext() {
        ArchitectureRules.platformDependsOnNoBusinessContext()
                .check(ArchitectureRules.importService("nl.ipsexchange.platform"));
    }
}
