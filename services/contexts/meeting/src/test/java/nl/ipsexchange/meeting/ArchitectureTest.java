package nl.ipsexchange.meeting;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;

import nl.ipsexchange.testsupport.ArchitectureRules;

/**
 * The practitioner meeting keeps the rules every service keeps, depends only on the platform and the shared kernel, and the platform,
 * with the meeting beside it on the class path, still depends on none of it (ADR 0039). The meeting's decisions are read by {@code MeetingDecisions}, not a
 * {@code query} package, so the projection rule has nothing to check here.
 */
class ArchitectureTest {

    private final JavaClasses classes = ArchitectureRules.importService("nl.ipsexchange.meeting");

    @Test
    void theDomainIsFreeOfWebAndMessaging() {
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

    @Test
    void meetingDependsOnlyOnThePlatformAndTheKernel() {
        ArchitectureRules.contextDependsOnlyOnPlatformAndKernel("nl.ipsexchange.meeting").check(classes);
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
