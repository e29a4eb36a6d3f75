package nl.ipsexchange.platform;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;

import nl.ipsexchange.testsupport.ArchitectureRules;

/** The shared funding domain and the platform's endpoints keep the same rules as every service. */
class ArchitectureTest {

    private final JavaClasses classes = ArchitectureRules.importService("nl.ipsexchange.platform");

    @Test
    void theFundingDomainIsFreeOfWebAndMessaging() {
        ArchitectureRules.domainIsFreeOfWebAndMessaging().check(classes);
    }

    @Test
    void everyEndpointNamesItsRoles() {
        ArchitectureRules.everyEndpointNamesItsRoles().check(classes);
    }

    @Test
    void nothingButTheSecurityConfigurationKnowsTheUserStore() {
        ArchitectureRules.nothingButTheSecurityConfigurationKnowsTheUserStore().check(classes);
    }
}
