package nl.ipsexchange.municipality;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import nl.ipsexchange.funding.FidelityRegister;
import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.consent.ConsentTerms;
import nl.ipsexchange.kernel.fidelity.FidelityBand;
import nl.ipsexchange.kernel.fidelity.FidelityItem;
import nl.ipsexchange.kernel.fidelity.FidelityReviewedEvent;
import nl.ipsexchange.kernel.messaging.EnvelopeCodec;

/**
 * The funder's register of fidelity reviews on its own database (ADR 0045): the newest review of a team is the one of
 * the latest review date and, on the same day, the one recorded last at the mental health agency (the envelope's
 * time), whatever the order of their ids or of their arrival.
 */
@MunicipalityTest
class FidelityRegisterTest {

    private static final LocalDate DAY = LocalDate.now(ConsentTerms.ZONE).minusDays(20);
    private static final EnvelopeCodec CODEC = new EnvelopeCodec();

    @Autowired
    FidelityRegister register;

    private void receive(String reviewId, String team, LocalDate date, int score, Instant recordedAt) {
        Map<FidelityItem, Integer> items = new EnumMap<>(FidelityItem.class);
        for (FidelityItem item : FidelityItem.values()) {
            items.put(item, score);
        }
        FidelityReviewedEvent review = new FidelityReviewedEvent(reviewId, team, date, "Kenniscentrum IPS", items,
                25 * score, score >= 4 ? FidelityBand.GOOD : score == 3 ? FidelityBand.FAIR : FidelityBand.NOT_IPS,
                true);
        register.handle(review, CODEC.wrap(UUID.randomUUID(), Agency.MENTAL_HEALTH, recordedAt, null, review));
    }

    @Test
    void ofTwoSameDayReviewsTheOneRecordedLastIsTheNewestWhateverTheirIdsOrArrival() {
        Instant morning = Instant.parse("2026-11-02T09:00:00Z");
        // the later-recorded review arrives first and has the smaller id
        receive("00000000-0000-4000-8000-00000000000a", "Team Leusden", DAY, 2, morning.plusSeconds(3600));
        receive("ffffffff-0000-4000-8000-00000000000b", "Team Leusden", DAY, 4, morning);

        assertThat(register.latest("Team Leusden").orElseThrow().band()).isEqualTo(FidelityBand.NOT_IPS);
    }

    @Test
    void aLaterReviewDateIsNewerThanAnyRecordedTimeAndAnotherTeamsReviewIsNotItsOwn() {
        receive(UUID.randomUUID().toString(), "Team Maarn", DAY.minusDays(1), 2, Instant.parse("2026-11-05T09:00:00Z"));
        receive(UUID.randomUUID().toString(), "Team Maarn", DAY, 3, Instant.parse("2026-11-01T09:00:00Z"));
        receive(UUID.randomUUID().toString(), "Team Doorn", DAY.plusDays(1), 5, Instant.parse("2026-11-06T09:00:00Z"));

        assertThat(register.latest("Team Maarn").orElseThrow().band()).isEqualTo(FidelityBand.FAIR);
        assertThat(register.latest("Team Amerongen")).isEmpty();
    }
}
