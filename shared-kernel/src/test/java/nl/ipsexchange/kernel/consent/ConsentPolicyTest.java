package nl.ipsexchange.kernel.consent;

import static nl.ipsexchange.kernel.Agency.BENEFITS;
import static nl.ipsexchange.kernel.Agency.MUNICIPALITY;
import static nl.ipsexchange.kernel.DataCategory.DIAGNOSIS;
import static nl.ipsexchange.kernel.DataCategory.EMPLOYMENT;
import static nl.ipsexchange.kernel.DataCategory.HEALTH_SUMMARY;
import static nl.ipsexchange.kernel.DataCategory.IDENTIFICATION;
import static nl.ipsexchange.kernel.Purpose.CASE_REVIEW;
import static nl.ipsexchange.kernel.Purpose.FUNDING_DECISION;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.Purpose;

class ConsentPolicyTest {

    private static final LocalDate FROM = LocalDate.of(2026, 3, 1);
    private static final LocalDate UNTIL = LocalDate.of(2026, 8, 31);
    private static final Instant MIDDLE = Instant.parse("2026-05-01T10:00:00Z");

    @Test
    void noConsentMeansNoSharing() {
        assertThat(ConsentPolicy.permittedCategories(List.of(), BENEFITS, FUNDING_DECISION, MIDDLE)).isEmpty();
    }

    @Test
    void aConsentCoversExactlyItsRecipientsCategoriesAndPurposes() {
        ConsentTerms consent = permit(Set.of(BENEFITS), Set.of(IDENTIFICATION, EMPLOYMENT), Set.of(FUNDING_DECISION));

        assertThat(ConsentPolicy.permittedCategories(List.of(consent), BENEFITS, FUNDING_DECISION, MIDDLE))
                .containsExactlyInAnyOrder(IDENTIFICATION, EMPLOYMENT);
        assertThat(ConsentPolicy.permittedCategories(List.of(consent), BENEFITS, CASE_REVIEW, MIDDLE)).isEmpty();
        assertThat(ConsentPolicy.permittedCategories(List.of(consent), MUNICIPALITY, FUNDING_DECISION, MIDDLE))
                .isEmpty();
    }

    @Test
    void validityRunsFromTheStartOfTheFirstDayToTheEndOfTheLastInAmsterdam() {
        ConsentTerms consent = permit(Set.of(BENEFITS), Set.of(IDENTIFICATION), Set.of(FUNDING_DECISION));

        assertThat(consent.isActiveAt(Instant.parse("2026-02-28T22:59:59Z"))).isFalse();
        assertThat(consent.isActiveAt(Instant.parse("2026-02-28T23:00:00Z"))).isTrue();
        assertThat(consent.isActiveAt(Instant.parse("2026-08-31T21:59:59Z"))).isTrue();
        assertThat(consent.isActiveAt(Instant.parse("2026-08-31T22:00:00Z"))).isFalse();
    }

    @Test
    void aRevokedConsentCoversNothingFromTheMomentOfRevocation() {
        ConsentTerms revoked = permit(Set.of(BENEFITS), Set.of(IDENTIFICATION), Set.of(FUNDING_DECISION))
                .endedAt(MIDDLE);

        assertThat(ConsentPolicy.permits(List.of(revoked), BENEFITS, IDENTIFICATION, FUNDING_DECISION,
                MIDDLE.minusSeconds(1))).isTrue();
        assertThat(ConsentPolicy.permits(List.of(revoked), BENEFITS, IDENTIFICATION, FUNDING_DECISION, MIDDLE))
                .isFalse();
    }

    @Test
    void theMostSpecificRuleWinsAndARefusalWinsATie() {
        ConsentTerms broad = permit(Set.of(BENEFITS), Set.of(DataCategory.values()), Set.of(FUNDING_DECISION));
        ConsentTerms noDiagnosis = new ConsentTerms(UUID.randomUUID(), "c", ConsentEffect.DENY, Set.of(BENEFITS),
                Set.of(DIAGNOSIS), Set.of(FUNDING_DECISION), FROM, UNTIL, null);

        assertThat(ConsentPolicy.permittedCategories(List.of(broad, noDiagnosis), BENEFITS, FUNDING_DECISION, MIDDLE))
                .contains(HEALTH_SUMMARY).doesNotContain(DIAGNOSIS);

        ConsentTerms narrowPermit = permit(Set.of(BENEFITS), Set.of(DIAGNOSIS), Set.of(FUNDING_DECISION));
        assertThat(ConsentPolicy.permits(List.of(noDiagnosis, narrowPermit), BENEFITS, DIAGNOSIS, FUNDING_DECISION,
                MIDDLE)).as("equally specific: the refusal wins").isFalse();
    }

    @Test
    void theReceiverRefusesAMessageWithACategoryOutsideConsent() {
        ConsentTerms consent = permit(Set.of(BENEFITS), Set.of(IDENTIFICATION, EMPLOYMENT), Set.of(FUNDING_DECISION));

        assertThat(ConsentPolicy.refusalOfReceipt(List.of(consent), BENEFITS, consent.consentId(), FUNDING_DECISION,
                Set.of(IDENTIFICATION), MIDDLE)).isEmpty();
        assertThat(ConsentPolicy.refusalOfReceipt(List.of(consent), BENEFITS, consent.consentId(), FUNDING_DECISION,
                Set.of(IDENTIFICATION, HEALTH_SUMMARY), MIDDLE)).contains(
                "no active consent covers HEALTH_SUMMARY for FUNDING_DECISION");
        assertThat(ConsentPolicy.refusalOfReceipt(List.of(consent), BENEFITS, UUID.randomUUID(), FUNDING_DECISION,
                Set.of(IDENTIFICATION), MIDDLE)).contains("the cited consent is unknown here");
    }

    private static ConsentTerms permit(Set<Agency> recipients, Set<DataCategory> categories,
                                       Set<Purpose> purposes) {
        return new ConsentTerms(UUID.randomUUID(), "c", ConsentEffect.PERMIT, recipients, categories, purposes, FROM,
                UNTIL, null);
    }
}
