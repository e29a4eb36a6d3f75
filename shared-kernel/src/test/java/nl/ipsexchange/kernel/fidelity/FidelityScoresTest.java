package nl.ipsexchange.kernel.fidelity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FidelityScoresTest {

    static Map<String, Object> allScored(int score) {
        Map<String, Object> raw = new LinkedHashMap<>();
        for (FidelityItem item : FidelityItem.values()) {
            raw.put(item.name(), score);
        }
        return raw;
    }

    @ParameterizedTest
    @CsvSource({"25, NOT_IPS", "73, NOT_IPS", "74, FAIR", "99, FAIR", "100, GOOD", "114, GOOD", "115, EXEMPLARY",
            "125, EXEMPLARY"})
    void bandsChangeExactlyAtTheirBoundaries(int total, FidelityBand band) {
        assertThat(FidelityBand.of(total)).isEqualTo(band);
    }

    @Test
    void theTotalIsTheSumOfAllTwentyFiveItems() {
        Map<String, Object> raw = allScored(3);
        raw.put("CASELOAD_SIZE", 5);
        FidelityScores scores = FidelityScores.of(raw);
        assertThat(scores.total()).isEqualTo(77);
        assertThat(scores.band()).isEqualTo(FidelityBand.FAIR);
        assertThat(FidelityBand.FAIR.allowsFunding()).isTrue();
        assertThat(FidelityBand.NOT_IPS.allowsFunding()).isFalse();
    }

    @Test
    void everyMissingUnknownOrOutOfRangeItemIsNamed() {
        Map<String, Object> raw = allScored(4);
        raw.remove("ZERO_EXCLUSION");
        raw.put("COFFEE_QUALITY", 5);
        raw.put("RAPID_JOB_SEARCH", 6);
        raw.put("DISCLOSURE", 0);
        raw.put("CASELOAD_SIZE", 2.5);
        raw.put("VOCATIONAL_UNIT", "5");

        assertThat(FidelityScores.check(raw)).containsExactlyInAnyOrder(
                "items.COFFEE_QUALITY: is not an IPS-25 item",
                "items.RAPID_JOB_SEARCH: must be a whole number from 1 to 5",
                "items.DISCLOSURE: must be a whole number from 1 to 5",
                "items.CASELOAD_SIZE: must be a whole number from 1 to 5",
                "items.VOCATIONAL_UNIT: must be a whole number from 1 to 5",
                "items.ZERO_EXCLUSION: is missing");
        assertThat(FidelityScores.check(allScored(1))).isEmpty();
        assertThat(FidelityScores.check(allScored(5))).isEmpty();
    }

    @Test
    void anUnknownCodeThatIsNotAPlainCodeIsNotRepeated() {
        Map<String, Object> raw = allScored(3);
        raw.put("${jndi:ldap://x/a}", 3);
        raw.put("line\r\nX-Injected: yes", 3);

        assertThat(FidelityScores.check(raw))
                .containsExactly("items: has a code that is not an IPS-25 item (nor a plain code)");
    }

    @Test
    void incompleteScoresCannotExist() {
        Map<FidelityItem, Integer> some = Map.of(FidelityItem.CASELOAD_SIZE, 5);
        assertThatThrownBy(() -> new FidelityScores(some)).hasMessageContaining("items.ZERO_EXCLUSION: is missing");
    }
}
