package nl.ipsexchange.mha.command.client;

import java.time.LocalDate;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import nl.ipsexchange.kernel.BenefitType;
import nl.ipsexchange.kernel.RuleViolationException;
import nl.ipsexchange.mha.command.client.ClientCommands.RegisterClientCommand;
import nl.ipsexchange.mha.command.client.ClientEvents.ClientRegisteredEvent;

class ClientTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 1);

    private AggregateTestFixture<Client> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Client.class);
    }

    @Test
    void registeringAClientRecordsItsIdentificationAndBenefit() {
        fixture.givenNoPriorActivity()
                .when(new RegisterClientCommand("c-1", " Anna de Vries ", "111222333", LocalDate.of(1990, 4, 1),
                        BenefitType.DISABILITY, "Utrecht", TODAY))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ClientRegisteredEvent("c-1", "Anna de Vries", "111222333",
                        LocalDate.of(1990, 4, 1), BenefitType.DISABILITY, "Utrecht", TODAY));
    }

    @Test
    void aCitizenServiceNumberThatFailsTheElevenTestIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterClientCommand("c-1", "Anna", "111222334", LocalDate.of(1990, 4, 1),
                        BenefitType.NONE, "Utrecht", TODAY))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage("bsn is not a valid citizen service number")
                .expectNoEvents();
    }

    @Test
    void aDateOfBirthOnOrAfterTheRegistrationDateIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterClientCommand("c-1", "Anna", "111222333", TODAY, BenefitType.NONE, "Utrecht",
                        TODAY))
                .expectException(RuleViolationException.class)
                .expectNoEvents();
    }

    @Test
    void aBlankNameIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterClientCommand("c-1", "  ", "111222333", LocalDate.of(1990, 4, 1),
                        BenefitType.NONE, "Utrecht", TODAY))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage("name is required")
                .expectNoEvents();
    }
}
