package nl.ipsexchange.audit.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class TrailPageTest {

    @Test
    void theSchedulesIntervalIsShownInItsLargestWholeUnit() {
        assertThat(TrailPage.interval(Duration.ofHours(1))).isEqualTo("1 h");
        assertThat(TrailPage.interval(Duration.ofMinutes(90))).isEqualTo("90 min");
        assertThat(TrailPage.interval(Duration.ofMinutes(120))).isEqualTo("2 h");
        assertThat(TrailPage.interval(Duration.ofSeconds(30))).isEqualTo("30 s");
        assertThat(TrailPage.interval(Duration.ZERO)).isNull();
    }
}
