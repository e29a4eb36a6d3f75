package nl.ipsexchange.audit;

import org.junit.jupiter.api.Test;

import nl.ipsexchange.testsupport.ArchitectureRules;
import nl.ipsexchange.testsupport.ModuleArchitectureTest;

/**
 * The audit service keeps the rules of every module, and its projections are free of web and messaging (it has no
 * aggregate).
 */
class ArchitectureTest extends ModuleArchitectureTest {

    ArchitectureTest() {
        super("nl.ipsexchange.audit");
    }

    @Test
    void projectionsAreFreeOfWebAndMessaging() {
        ArchitectureRules.projectionsAreFreeOfWebAndMessaging().check(classes);
    }
}
