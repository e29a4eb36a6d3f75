package nl.ipsexchange.infra.eventstore;

import org.junit.jupiter.api.Test;

import nl.ipsexchange.testsupport.ArchitectureRules;

/** The event store's tuning knows Axon, JDBC and JSON, and nothing of the platform, the kernel or a context. */
class ArchitectureTest {

    @Test
    void theEventStoreDependsOnNothingOfTheExchange() {
        ArchitectureRules.eventStoreDependsOnNothingOfTheExchange()
                .check(ArchitectureRules.importService("nl.ipsexchange.infra.eventstore"));
    }
}
