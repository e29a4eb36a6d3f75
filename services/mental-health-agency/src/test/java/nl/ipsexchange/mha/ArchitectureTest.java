package nl.ipsexchange.mha;

import org.junit.jupiter.api.Test;

import nl.ipsexchange.testsupport.ArchitectureRules;
import nl.ipsexchange.testsupport.ModuleArchitectureTest;

/**
 * The mental health agency keeps the rules of every module, and its domain and projections are free of web and
 * messaging.
 */
class ArchitectureTest extends ModuleArchitectureTest {

    ArchitectureTest() {
        super("nl.ipsexchange.mha");
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
