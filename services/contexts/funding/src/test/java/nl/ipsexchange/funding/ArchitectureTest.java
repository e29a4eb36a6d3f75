package nl.ipsexchange.funding;

import org.junit.jupiter.api.Test;

import nl.ipsexchange.testsupport.ArchitectureRules;
import nl.ipsexchange.testsupport.ContextArchitectureTest;

/**
 * Funding keeps the rules of every context (ADR 0039), and its domain and projections are free of web and messaging.
 */
class ArchitectureTest extends ContextArchitectureTest {

    ArchitectureTest() {
        super("nl.ipsexchange.funding");
    }

    @Test
    void theDomainIsFreeOfWebAndMessaging() {
        ArchitectureRules.domainIsFreeOfWebAndMessaging().check(classes);
    }

    @Test
    void projectionsAreFreeOfWebAndMessaging() {
        ArchitectureRules.projectionsAreFreeOfWebAndMessaging().check(classes);
    }
}
