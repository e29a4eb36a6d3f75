package nl.ipsexchange.mha.command.inforequest;

import static nl.ipsexchange.kernel.DataCategory.DIAGNOSIS;
import static nl.ipsexchange.kernel.DataCategory.HEALTH_SUMMARY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.RuleViolationException;
import nl.ipsexchange.kernel.sharing.InformationRequestAnsweredEvent.Outcome;
import nl.ipsexchange.kernel.sharing.InformationRequestAnsweredEvent.Reason;
import nl.ipsexchange.mha.command.inforequest.InformationRequestCommands.DecideInformationRequestCommand;
import nl.ipsexchange.mha.command.inforequest.InformationRequestEvents.InformationRequestDecidedEvent;
import nl.ipsexchange.mha.command.inforequest.InformationRequestEvents.InformationRequestReceivedEvent;
import nl.ipsexchange.mha.command.inforequest.InformationRequestCommands.ReceiveInformationRequestCommand;

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
        return decide(outcome, categories, reason, null, covered);
    }

    private static DecideInformationRequestCommand decide(Outcome outcome, Set<DataCategory> categories, String reason,
                                                          Reason code, Set<DataCategory> covered) {
        return new DecideInformationRequestCommand(R, outcome, categories, reason, code, "mha.clinician", covered);
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
                        Purpose.FUNDING_DECISION, Outcome.DENIED, Set.of(), null, Reason.UNKNOWN_CLIENT,
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
                        Outcome.GRANTED, Set.of(HEALTH_SUMMARY, DIAGNOSIS), null, null, "mha.clinician"))
                .expectResultMessagePayload(Outcome.GRANTED);
    }

    @Test
    void aGrantBeyondTheConsentIsAnsweredConsentRequiredNeverGranted() {
        fixture.given(received())
                .when(decide(Outcome.GRANTED, null, null, Set.of(HEALTH_SUMMARY)))
                .expectEvents(new InformationRequestDecidedEvent(R, "c-1", Agency.BENEFITS, Purpose.FUNDING_DECISION,
                        Outcome.CONSENT_REQUIRED, Set.of(), "the client's consent does not cover [DIAGNOSIS] for "
                        + "BENEFITS and FUNDING_DECISION", Reason.NOT_COVERED_BY_CONSENT, "mha.clinician"))
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
                        Reason.OTHER, "mha.clinician"));
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
                        Purpose.FUNDING_DECISION, Outcome.DENIED, Set.of(), "no", Reason.OTHER, "mha.clinician"))
                .when(decide(Outcome.GRANTED, null, null, Set.of(HEALTH_SUMMARY, DIAGNOSIS)))
                .expectException(RuleViolationException.class)
                .expectNoEvents();
    }
    @Test
    void aDenialTellsTheAskingAgencyTheClinicianCodeAndKeepsTheClinicianWordsApart() {
        fixture.given(received())
                .when(decide(Outcome.DENIED, null, "she told me about her psychosis in confidence",
                        Reason.CLIENT_OBJECTS, Set.of()))
                .expectEvents(new InformationRequestDecidedEvent(R, "c-1", Agency.BENEFITS, Purpose.FUNDING_DECISION,
                        Outcome.DENIED, Set.of(), "she told me about her psychosis in confidence",
                        Reason.CLIENT_OBJECTS, "mha.clinician"));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Reason.class, names = {"NOT_COVERED_BY_CONSENT", "UNKNOWN_CLIENT"})
    void aClinicianCannotGiveTheServicesOwnAnswers(Reason servicesOwn) {
        fixture.given(received())
                .when(decide(Outcome.DENIED, null, "no", servicesOwn, Set.of()))
                .expectNoEvents()
                .expectException(RuleViolationException.class)
                .expectExceptionMessage("reasonCode: " + servicesOwn + " is the service's own answer; a clinician "
                        + "gives one of [NOT_NECESSARY_FOR_THE_PURPOSE, CLIENT_OBJECTS, HARMFUL_TO_THE_CLIENT, "
                        + "NOT_AVAILABLE, OTHER]");
    }

    @Test
    void aFullGrantHasNoReasonCode() {
        fixture.given(received())
                .when(decide(Outcome.GRANTED, null, null, Reason.OTHER, Set.of(HEALTH_SUMMARY, DIAGNOSIS)))
                .expectNoEvents()
                .expectExceptionMessage("reasonCode: a full grant has no reason");
    }

    @ParameterizedTest(name = "{0} with \"{1}\" reads as {2}")
    @CsvSource(nullValues = "none", value = {
            "DENIED, the mental health agency has no client with this id, UNKNOWN_CLIENT",
            "DENIED, not now, OTHER",
            "PARTIALLY_GRANTED, the diagnosis is not needed, OTHER",
            "CONSENT_REQUIRED, the client's consent does not cover [DIAGNOSIS], NOT_COVERED_BY_CONSENT",
            "GRANTED, none, none"})
    void aDecisionStoredBeforeThereWereCodesReadsWithTheCodeItsAnswerWouldHaveHad(Outcome outcome, String words,
                                                                                   Reason expected) {
        assertThat(new InformationRequestDecidedEvent(R, "c-1", Agency.BENEFITS, Purpose.FUNDING_DECISION, outcome,
                Set.of(), words, null, "mha.clinician").reasonCode()).isEqualTo(expected);
    }
}
