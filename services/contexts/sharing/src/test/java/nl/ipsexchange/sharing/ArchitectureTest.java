package nl.ipsexchange.sharing;

import nl.ipsexchange.testsupport.ContextArchitectureTest;

/**
 * Sharing keeps the rules of every context (ADR 0039, 0043). It has no aggregate and no {@code query} package (its
 * tables are written as messages arrive and read by its stores), so the domain and projection rules have nothing to
 * check here.
 */
class ArchitectureTest extends ContextArchitectureTest {

    ArchitectureTest() {
        super("nl.ipsexchange.sharing");
    }
}
