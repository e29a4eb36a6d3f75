package nl.ipsexchange.status;

import nl.ipsexchange.testsupport.ContextArchitectureTest;

/**
 * Status keeps the rules of every context (ADR 0039). It has no aggregate and no {@code query} package (its projection
 * is written by the recorder as events arrive), so the domain and projection rules have nothing to check here.
 */
class ArchitectureTest extends ContextArchitectureTest {

    ArchitectureTest() {
        super("nl.ipsexchange.status");
    }
}
