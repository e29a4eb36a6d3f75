package nl.ipsexchange.platform;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;

import nl.ipsexchange.testsupport.ArchitectureRules;

/**
 * The platform's endpoints keep the same rules as every service, and the platform depends on no business context
 * (ADR 0039). It has no domain of its own: the practitioner meeting's, checked here before, moved with the meeting.
 */
class ArchitectureTest {

    private final JavaClasses classes = ArchitectureRules.importService("nl.ipsexchange.platform");

    @Test
    void thePlatformDependsOnNoBusinessContext() {
        ArchitectureRules.platformDependsOnNoBusinessContext().check(classes);
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
