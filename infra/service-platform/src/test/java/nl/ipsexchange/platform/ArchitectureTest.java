package nl.ipsexchange.platform;

import org.junit.jupiter.api.Test;

import nl.ipsexchange.testsupport.ArchitectureRules;
import nl.ipsexchange.testsupport.ModuleArchitectureTest;

/**
 * The platform's endpoints keep the same rules as every module, and the platform depends on no business context
 * (ADR 0039). It has no domain of its own: the practitioner meeting's, checked here before, moved with the meeting.
 */
class ArchitectureTest extends ModuleArchitectureTest {

    ArchitectureTest() {
        super("nl.ipsexchange.platform");
    }

    @Test
    void thePlatformDependsOnNoBusinessContext() {
        ArchitectureRules.platformDependsOnNoBusinessContext().check(classes);
    }
}
