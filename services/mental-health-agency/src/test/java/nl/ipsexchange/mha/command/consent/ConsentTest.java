package nl.ipsexchange.mha.command.consent;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.RuleViolationException;
import nl.ipsexchange.kernel.consent.ConsentEffect;
import nl.ipsexchange.mha.command.consent.ConsentCommands.GiveConsentCommand;
import nl.ipsexchange.mha.command.consent.ConsentCommands.RevokeConsentCommand;
import nl.ipsexchange.mha.command.consent.ConsentEvents.ConsentExpiredEvent;
import nl.ipsexchange.mha.command.consent.ConsentEvents.ConsentGivenEvent;
import nl.ipsexchange.mha.command.consent.ConsentEvents.ConsentRevokedEvent;

class ConsentTest {

    private static final String CONSENT = "7b0c3f59-8e3e-4a0e-9d43-0f8f3c1b2a10";
    private static final LocalDate TODAY = LocalDate.of(2026, 3, 1);
    private static final LocalDate UNTIL = LocalDate.of(2026, 3, 31);
    private static final Instant REVOKED_AT = Instant.parse("2026-03-10T09:00:00Z");

    private AggregateTestFixture<Consent> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Consent.class);
    }

    private static GiveConsentCommand give(Set<Agency> recipients, LocalDate from, LocalDate until) {
        return new GiveConsentCommand(CONSENT, "client-1", ConsentEffect.PERMIT, recipients,
                Set.of(DataCategory.IDENTIFICATION, DataCategory.EMPLOYMENT), Set.of(Purpose.FUNDING_DECISION),
                from, until, TODAY);
    }

    private static ConsentGivenEvent given() {
        return new ConsentGivenEvent(CONSENT, "client-1", ConsentEffect.PERMIT, Set.of(Agency.BENEFITS),
                Set.of(DataCategory.IDENTIFICATION, DataCategory.EMPLOYMENT), Set.of(Purpose.FUNDING_DECISION),
                TODAY, UNTIL);
    }

    @Test
    void givingAConsentRecordsItAndSchedulesItsExpiryAtTheEndOfTheLastDay() {
        fixture.givenNoPriorActivity()
                .when(give(Set.of(Agency.BENEFITS), TODAY, UNTIL))
                .expectEvents(given())
                .expectScheduledDeadlineWithName(Instant.parse("2026-03-31T22:00:00Z"), Consent.EXPIRY);
    }

    @Test
    void aConsentExpiresByItselfWhenItsDeadlinePasses() {
        fixture.givenCurrentTime(Instant.parse("2026-03-01T09:00:00Z"))
                .andGivenCommands(give(Set.of(Agency.BENEFITS), TODAY, UNTIL))
                .whenThenTimeAdvancesTo(Instant.parse("2026-03-31T22:00:00Z"))
                .expectTriggeredDeadlinesWithName(Consent.EXPIRY)
                .expectEvents(new ConsentExpiredEvent(CONSENT, "client-1", Instant.parse("2026-03-31T22:00:00Z")));
    }

    @Test
    void revokingEndsTheConsentAndCancelsItsExpiry() {
        fixture.given(given())
                .when(new RevokeConsentCommand(CONSENT, "client-1", "changed my mind", REVOKED_AT))
                .expectEvents(new ConsentRevokedEvent(CONSENT, "client-1", "changed my mind", REVOKED_AT))
                .expectNoScheduledDeadlines();
    }

    @Test
    void aRevokedConsentDoesNotExpireLater() {
        fixture.givenCurrentTime(Instant.parse("2026-03-01T09:00:00Z"))
                .andGivenCommands(give(Set.of(Agency.BENEFITS), TODAY, UNTIL),
                        new RevokeConsentCommand(CONSENT, "client-1", null, REVOKED_AT))
                .whenThenTimeElapses(Duration.ofDays(40))
                .expectNoEvents()
                .expectNoScheduledDeadlines();
    }

    @Test
    void theConsentIsStillInForceJustBeforeTheEndOfItsLastDay() {
        fixture.givenCurrentTime(Instant.parse("2026-03-01T09:00:00Z"))
                .andGivenCommands(give(Set.of(Agency.BENEFITS), TODAY, UNTIL))
                .whenThenTimeAdvancesTo(Instant.parse("2026-03-31T21:59:59Z"))
                .expectNoEvents();
    }

    @Test
    void revokingSomeoneElsesConsentIsRefusedAndChangesNothing() {
        fixture.given(given())
                .when(new RevokeConsentCommand(CONSENT, "client-2", null, REVOKED_AT))
                .expectException(RuleViolationException.class)
                .expectNoEvents();
    }

    @Test
    void revokingTwiceIsAConflict() {
        fixture.given(given(), new ConsentRevokedEvent(CONSENT, "client-1", null, REVOKED_AT))
                .when(new RevokeConsentCommand(CONSENT, "client-1", null, REVOKED_AT))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage("consent " + CONSENT + " has already ended")
                .expectNoEvents();
    }

    @Test
    void validUntilBeforeValidFromIsRefused() {
        fixture.givenNoPriorActivity()
                .when(give(Set.of(Agency.BENEFITS), UNTIL, TODAY))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage("validUntil: must not be before validFrom")
                .expectNoEvents();
    }

    @Test
    void aConsentThatHasAlreadyEndedIsRefused() {
        fixture.givenNoPriorActivity()
                .when(give(Set.of(Agency.BENEFITS), TODAY.minusDays(30), TODAY.minusDays(1)))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage("validUntil: must not be in the past")
                .expectNoEvents();
    }

    @Test
    void theMentalHealthAgencyIsNoRecipientOfItsOwnData() {
        fixture.givenNoPriorActivity()
                .when(give(Set.of(Agency.MENTAL_HEALTH), TODAY, UNTIL))
                .expectException(RuleViolationException.class)
                .expectNoEvents();
    }

    @Test
    void aConsentWithoutRecipientsIsRefused() {
        fixture.givenNoPriorActivity()
                .when(give(Set.of(), TODAY, UNTIL))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage("recipients: at least one is required")
                .expectNoEvents();
    }
}
