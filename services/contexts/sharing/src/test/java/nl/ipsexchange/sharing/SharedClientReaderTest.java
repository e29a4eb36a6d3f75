package nl.ipsexchange.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.audit.AccessAction;
import nl.ipsexchange.kernel.audit.AccessOutcome;
import nl.ipsexchange.kernel.consent.ConsentEffect;
import nl.ipsexchange.kernel.consent.ConsentTerms;
import nl.ipsexchange.kernel.security.Role;
import nl.ipsexchange.platform.audit.AccessRecord;
import nl.ipsexchange.platform.audit.AccessRecorder;
import nl.ipsexchange.platform.meeting.SharedWithThisAgency;
import nl.ipsexchange.platform.security.NeedToKnow;

/**
 * A client whose incoming messages are parked may have a revocation waiting among them: nothing of that client is
 * shown until an administrator resolves them, and the refused attempt is recorded.
 */
class SharedClientReaderTest {

    private static final Instant NOW = Instant.parse("2026-06-01T10:00:00Z");
    private static final AccessRecorder.Actor PHYSICIAN = new AccessRecorder.Actor("benefits.physician",
            "INSURANCE_PHYSICIAN");

    private static final AccessRecorder.Actor LABOUR_EXPERT = new AccessRecorder.Actor("benefits.labour-expert",
            "LABOUR_EXPERT");
    private static final SharedWithThisAgency.SharedRead MINUTES = new SharedWithThisAgency.SharedRead("client-1",
            DataCategory.EMPLOYMENT, Purpose.CASE_REVIEW, LABOUR_EXPERT, "meeting decisions shared with this agency");

    private final ConsentReplica consents = mock(ConsentReplica.class);
    private final SharedClientDataStore store = mock(SharedClientDataStore.class);
    private final AccessRecorder recorder = mock(AccessRecorder.class);
    private final NeedToKnow needToKnow = new NeedToKnow();

    @Test
    void aClientWithParkedMessagesIsNotShownAndTheAttemptIsRecorded() {
        givenAnActiveConsentAndSharedData();
        SharedClientReader reader = reader(client -> client.equals("client-1"));

        assertThat(reader.readClient("client-1", Purpose.FUNDING_DECISION, PHYSICIAN, Role.INSURANCE_PHYSICIAN))
                .isInstanceOf(SharedClientReader.Refused.class);
        assertThat(reader.readHealth("client-1", DataCategory.HEALTH_SUMMARY, Purpose.FUNDING_DECISION, PHYSICIAN,
                Role.INSURANCE_PHYSICIAN)).isInstanceOf(SharedClientReader.Refused.class);
        verify(recorder, Mockito.times(2)).record(argThat(record -> record.recordId() == null
                && record.actor().equals(PHYSICIAN) && record.clientId().equals("client-1")
                && record.action() == AccessAction.VIEW && record.purpose() == Purpose.FUNDING_DECISION
                && record.consentIds() == null && record.outcome() == AccessOutcome.DENIED
                && "incoming messages about this client are parked for an administrator".equals(record.reason())));
        verify(store, never()).read(any(), any());
    }

    @Test
    void withoutParkedMessagesTheSameReadIsShown() {
        givenAnActiveConsentAndSharedData();
        SharedClientReader reader = reader(client -> false);
        assertThat(reader.readClient("client-1", Purpose.FUNDING_DECISION, PHYSICIAN, Role.INSURANCE_PHYSICIAN))
                .isInstanceOf(SharedClientReader.Shown.class);
    }

    @Test
    void aHealthReadThatFindsNothingOfTheCategoryIsRecordedAsShowingNothing() {
        givenAnActiveConsentAndSharedData(DataCategory.HEALTH_SUMMARY);
        when(store.categoriesHeld("client-1")).thenReturn(Set.of());
        needToKnow.setHealth(Map.of(Role.INSURANCE_PHYSICIAN, Set.of(DataCategory.HEALTH_SUMMARY)));

        assertThat(reader(client -> false).readHealth("client-1", DataCategory.HEALTH_SUMMARY,
                Purpose.FUNDING_DECISION, PHYSICIAN, Role.INSURANCE_PHYSICIAN))
                .isInstanceOf(SharedClientReader.Unknown.class);

        verify(recorder).record(argThat(record -> record.recordId() == null
                && record.actor().equals(PHYSICIAN) && record.clientId().equals("client-1")
                && record.categories().equals(Set.of(DataCategory.HEALTH_SUMMARY))
                && record.action() == AccessAction.VIEW && record.purpose() == Purpose.FUNDING_DECISION
                && record.outcome() == AccessOutcome.PERMITTED
                && "nothing of this category is held here: nothing shown".equals(record.reason())));
    }

    @Test
    void aHealthReadOfAClientThisAgencyKnowsNothingOfIsRecorded() {
        assertThat(reader(client -> false).readHealth("client-9", DataCategory.DIAGNOSIS, Purpose.FUNDING_DECISION,
                PHYSICIAN, Role.INSURANCE_PHYSICIAN)).isInstanceOf(SharedClientReader.Unknown.class);

        verify(recorder).record(new AccessRecord(null, PHYSICIAN, "client-9", Set.of(DataCategory.DIAGNOSIS),
                AccessAction.VIEW, Purpose.FUNDING_DECISION, null, AccessOutcome.DENIED,
                "nothing about this client is held here"));
    }

    @Test
    void aListThatSkipsAClientWithoutConsentForItsPurposeRecordsNoRefusedAttempt() {
        givenAnActiveConsentAndSharedData();

        assertThat(reader(client -> false).readClientIfConsented("client-1", Purpose.CASE_REVIEW, PHYSICIAN,
                Role.INSURANCE_PHYSICIAN)).isInstanceOf(SharedClientReader.Refused.class);
        assertThat(reader(client -> true).readClientIfConsented("client-1", Purpose.FUNDING_DECISION, PHYSICIAN,
                Role.INSURANCE_PHYSICIAN)).isInstanceOf(SharedClientReader.Refused.class);

        verify(recorder, never()).record(any());
        verify(store, never()).read(any(), any());
    }

    @Test
    void theSameClientAskedForByAPersonWithoutConsentIsARecordedRefusal() {
        givenAnActiveConsentAndSharedData();

        assertThat(reader(client -> false).readClient("client-1", Purpose.CASE_REVIEW, PHYSICIAN,
                Role.INSURANCE_PHYSICIAN)).isInstanceOf(SharedClientReader.Refused.class);

        verify(recorder).record(argThat(record -> record.recordId() == null
                && record.actor().equals(PHYSICIAN) && record.clientId().equals("client-1")
                && record.action() == AccessAction.VIEW && record.purpose() == Purpose.CASE_REVIEW
                && record.consentIds() == null && record.outcome() == AccessOutcome.DENIED));
    }

    @Test
    void aReadOfSharedMinutesIsRecordedAsAReadUnderTheConsentItRestsOn() {
        UUID consent = givenAConsentForCaseReview();

        assertThat(reader(client -> false).readShared(MINUTES)).isTrue();

        verify(recorder).record(new AccessRecord(null, LABOUR_EXPERT, "client-1", Set.of(DataCategory.EMPLOYMENT),
                AccessAction.VIEW, Purpose.CASE_REVIEW, Set.of(consent), AccessOutcome.PERMITTED,
                "meeting decisions shared with this agency"));
    }

    @Test
    void aReadOfSharedMinutesWhoseConsentIsGoneIsWithheldAndRecordedAsRefused() {
        givenAnActiveConsentAndSharedData(DataCategory.EMPLOYMENT); // for funding decisions, not case review

        assertThat(reader(client -> false).readShared(MINUTES)).isFalse();

        verify(recorder).record(new AccessRecord(null, LABOUR_EXPERT, "client-1", Set.of(DataCategory.EMPLOYMENT),
                AccessAction.VIEW, Purpose.CASE_REVIEW, null, AccessOutcome.DENIED,
                "no active consent covers EMPLOYMENT for CASE_REVIEW: meeting decisions shared with this agency "
                        + "not shown"));
    }

    @Test
    void aReadOfSharedMinutesOfAClientWithParkedMessagesIsWithheldAndRecorded() {
        givenAConsentForCaseReview();

        assertThat(reader(client -> true).readShared(MINUTES)).isFalse();

        verify(recorder).record(argThat(record -> record.outcome() == AccessOutcome.DENIED
                && record.actor().equals(LABOUR_EXPERT) && record.purpose() == Purpose.CASE_REVIEW
                && "incoming messages about this client are parked for an administrator".equals(record.reason())));
    }

    private UUID givenAConsentForCaseReview() {
        UUID consent = UUID.randomUUID();
        when(consents.consentsOf("client-1")).thenReturn(List.of(new ConsentTerms(consent, "client-1",
                ConsentEffect.PERMIT, Set.of(Agency.BENEFITS), Set.of(DataCategory.EMPLOYMENT),
                Set.of(Purpose.CASE_REVIEW), LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), null)));
        return consent;
    }

    private void givenAnActiveConsentAndSharedData() {
        givenAnActiveConsentAndSharedData(DataCategory.IDENTIFICATION);
    }

    private void givenAnActiveConsentAndSharedData(DataCategory category) {
        when(consents.consentsOf("client-1")).thenReturn(List.of(new ConsentTerms(UUID.randomUUID(), "client-1",
                ConsentEffect.PERMIT, Set.of(Agency.BENEFITS), Set.of(category),
                Set.of(Purpose.FUNDING_DECISION), LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), null)));
        when(store.categoriesHeld("client-1")).thenReturn(Set.of(category));
    }

    private SharedClientReader reader(Predicate<String> parked) {
        return new SharedClientReader(consents, store, recorder, needToKnow, Clock.fixed(NOW, ZoneOffset.UTC),
                Agency.BENEFITS, parked);
    }
}
