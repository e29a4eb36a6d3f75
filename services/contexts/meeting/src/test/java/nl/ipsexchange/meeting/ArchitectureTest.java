package nl.ipsexchange.meeting;

import org.junit.jupiter.api.Test;

import nl.ipsexchange.testsupport.ArchitectureRules;
import nl.ipsexchange.testsupport.ContextArchitectureTest;

/**
 * The practitioner meeting keeps the rules of every context (ADR 0039), and its domain is free of web and messaging.
 * Its decisions are read by {@code MeetingDecisions}, not a {@code query} package, so the projection rule has nothing
 * to check here.
 */
class ArchitectureTest extends ContextArchitectureTest {

    ArchitectureTest() {
        super("nl.ipsexchange.meeting");
    }

    @Test
    void theDomainIsFreeOfWebAndMessaging() {
        ArchitectureRules.domainIsFreeOfWebAndMessaging().check(classes);
    }
}
