package nl.ipsexchange.funding;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;

import nl.ipsexchange.testsupport.ArchitectureRules;

/**
 * Funding keeps the rules every service keeps, depends only on the platform and the shared kernel, and the platform,
 * with funding beside it on the class path, still depends on none of it (ADR 0039).
 */
class ArchitectureTest {

    private final JavaClasses classes = ArchitectureRules.importService("nl.ipsexchange.funding");

    @Test
    void theDomainIsFreeOfWebAndMessaging() {
        ArchitectureRules.domainIsFreeOfWebAndMessaging().check(classes);
    }

    @Test
    void projectionsAreFreeOfWebAndMessaging() {
        ArchitectureRules.projectionsAreFreeOfWebAndMessaging().check(classes);
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
    void fundingDependsOnlyOnThePlatformAndTheKernel() {
        ArchitectureRules.contextDependsOnlyOnPlatformAndKernel("nl.ipsexchange.funding").check(classes);
    }

    @Test
    void thePlatformDependsOnNoBusinessContext() {
        ArchitectureRules.platformDependsOnNoBusinessContext()
                .check(ArchitectureRules.importService("nl.ipsexchange.platform"));
    }

    @Test
    void messagesLiveInOneFilePerAggregateAndKind() {
        ArchitectureRules.messagesLiveInOneFilePerAggregateAndKind().check(classes);
    }
}
