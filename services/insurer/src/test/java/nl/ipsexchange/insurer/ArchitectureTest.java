package nl.ipsexchange.insurer;

import nl.ipsexchange.testsupport.ModuleArchitectureTest;

/**
 * The insurer keeps the rules of every module that apply to it (it has no domain or projection of its own: its
 * intake lines are funding's payment lines).
 */
class ArchitectureTest extends ModuleArchitectureTest {

    ArchitectureTest() {
        super("nl.ipsexchange.insurer");
    }
}
