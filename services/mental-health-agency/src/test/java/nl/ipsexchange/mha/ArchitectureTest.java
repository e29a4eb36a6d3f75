package nl.ipsexchange.mha;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;

import nl.ipsexchange.testsupport.ArchitectureRules;

class ArchitectureTest {

    private final JavaClasses classes = ArchitectureRules.importService("nl.ipsexchange.mha");

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
    void messagesLiveInOneFilePerAggregateAndKind() {
        ArchitectureRules.messagesLiveInOneFilePerAggregateAndKind().check(classes);
    }
}
