package nl.ipsexchange.mha.command.inforequest;

import static nl.ipsexchange.kernel.DataCategory.DIAGNOSIS;
import static nl.ipsexchange.kernel.DataCategory.HEALTH_SUMMARY;

import java.time.Instant;
import java.util.Set;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.RuleViolationException;
import nl.ipsexchange.kernel.sharing.InformationRequestAnsweredEvent.Outcome;
import nl.ipsexchange.mha.command.inforequest.InformationRequestMessages.DecideInformationRequestCommand;
import nl.ipsexchange.mha.command.inforequest.InformationRequestMessages.InformationRequestDecidedEvent;
import nl.ipsexchange.mha.command.inforequest.InformationRequestMessages.InformationRequestReceivedEvent;
import nl.ipsexchange.mha.command.inforequest.InformationRequestMessages.ReceiveInformationRequestCommand;

class InformationRequestTest {

    private static final String R = "r-1";
    private AggregateTestFixture<InformationRequest> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(InformationRequest.class);
    }

    private static InformationRequestReceivedEvent received() {
        return new InformationRequestReceivedEvent(R, "c-1", Agency.BENEFITS, "benefits.physician",
                "INSURANCE_PHYSICIAN", Set.of(HEALTH_SUMMARY, DIAGNOSIS), Purpose.FUNDING_DECISION,
                Instant.parse("2026-03-01T09:00:00Z"));
    }

    private static DecideInformationRequestCommand decide(Outcome outcome, Set<DataCategory>
            categories, String reason, Set<DataCategory> covered) {
        return new DecideInformationRequestCommand(R, outcome, categories, reason, "mha.clinician", covered);
    }

    private static ReceiveInformationRequestCommand receive(boolean clientRegistered) {
        InformationRequestReceivedEvent received = received();
        return new ReceiveInformationRequestCommand(R, received.clientId(), received.requestingAgency(),
                received.requestedBy(), received.role(), received.categories(), received.purpose(),
                received.requestedAt(), clientRegistered);
    }

    @Test
    void aRequestAboutARegisteredClientAwaitsAClinician() {
        fixture.givenNoPriorActivity()
                .when(receive(true))
                .expectEvents(received());
    }

    @Test
    void aRequestAboutAClientThisAgencyDoesNotHaveIsDeniedAtOnceWithThatReason() {
        fixture.givenNoPriorActivity()
                .when(receive(false))
                .expectEvents(received(), new InformationRequestDecidedEvent(R, "c-1", Agency.BENEFITS,
                        Purpose.FUNDING_DECISION, Outcome.DENIED, Set.of(), InformationRequest.UNKNOWN_CLIENT,
                        InformationRequest.DECIDED_BY_THE_SERVICE));
    }

    @Test
    void aRequestDeniedForAnUnknownClientCannotBeDecidedAgain() {
        fixture.givenCommands(receive(false))
                .when(decide(Outcome.GRANTED, null, null, Set.of(HEALTH_SUMMARY, DIAGNOSIS)))
                .expectNoEvents()
                .expectException(RuleViolationException.class);
    }

    @Test
    void aGrantWithinTheConsentGrantsEveryRequestedCategory() {
        fixture.given(received())
                .when(decide(Outcome.GRANTED, null, null, Set.of(HEALTH_SUMMARY, DIAGNOSIS)))
                .expectEvents(new InformationRequestDecidedEvent(R, "c-1", Agency.BENEFITS, Purpose.FUNDING_DECISION,
                        Outcome.GRANTED, Set.of(HEALTH_SUMMARY, DIAGNOSIS), null, "mha.clinician"))
                .expectResultMessagePayload(Outcome.GRANTED);
    }

    @Test
    void aGrantBeyondTheConsentIsAnsweredConsentRequiredNeverGranted() {
        fixture.given(received())
                .when(decide(Outcome.GRANTED, null, null, Set.of(HEALTH_SUMMARY)))
                .expectEvents(new InformationRequestDecidedEvent(R, "c-1", Agency.BENEFITS, Purpose.FUNDING_DECISION,
                        Outcome.CONSENT_REQUIRED, Set.of(), "the client's consent does not cover [DIAGNOSIS] for "
                        + "BENEFITS and FUNDING_DECISION", "mha.clinician"))
                .expectResultMessagePayload(Outcome.CONSENT_REQUIRED);
    }

    @Test
    void aPartialGrantNeedsAReasonAndLeavesSomethingOut() {
        fixture.given(received())
                .when(decide(Outcome.PARTIALLY_GRANTED, Set.of(HEALTH_SUMMARY), null, Set.of(HEALTH_SUMMARY)))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage("reason: is required");
        fixture.given(received())
                .when(decide(Outcome.PARTIALLY_GRANTED, Set.of(HEALTH_SUMMARY), "the diagnosis is not needed",
                        Set.of(HEALTH_SUMMARY)))
                .expectEvents(new InformationRequestDecidedEvent(R, "c-1", Agency.BENEFITS, Purpose.FUNDING_DECISION,
                        Outcome.PARTIALLY_GRANTED, Set.of(HEALTH_SUMMARY), "the diagnosis is not needed",
                        "mha.clinician"));
    }

    @Test
    void aDenialNeedsAReason() {
        fixture.given(received())
                .when(decide(Outcome.DENIED, null, " ", Set.of()))
                .expectException(RuleViolationException.class)
                .expectNoEvents();
    }

    @Test
    void aRequestIsAnsweredOnce() {
        fixture.given(received(), new InformationRequestDecidedEvent(R, "c-1", Agency.BENEFITS,
                        Purpose.FUNDING_DECISION, Outcome.DENIED, Set.of(), "no", "mha.clinician"))
                .when(decide(Outcome.GRANTED, null, null, Set.of(HEALTH_SUMMARY, DIAGNOSIS)))
                .expectException(RuleViolationException.class)
                .expectNoEvents();
    }
}
