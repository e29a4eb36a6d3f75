package nl.ipsexchange.infra.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;

import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.Test;

class StoredTimestampsTest {

    @Test
    void readsWhatAxonWritesAsAxonReadsIt() {
        SplittableRandom random = new SplittableRandom(8);
        for (int i = 0; i < 100_000; i++) {
            // from 1970 to 2200, at any nanosecond: Axon writes milliseconds
            Instant instant = Instant.ofEpochSecond(random.nextLong(7_258_118_400L), random.nextInt(1_000_000_000));
            String stored = DateTimeUtils.formatInstant(instant);
            assertThat(StoredTimestamps.parse(stored)).as(stored).isEqualTo(DateTimeUtils.parseInstant(stored));
        }
    }

    @Test
    void leavesOtherFormsToAxonsParser() {
        for (String stored : new String[] {"2026-11-22T13:32:09.430123Z", "2026-11-22T14:32:09.430+01:00",
                "2026-11-22T13:32:09Z", "2026-11-22t13:32:09.430Z", "+12026-11-22T13:32:09.430Z"}) {
            assertThat(StoredTimestamps.parse(stored)).as(stored).isEqualTo(DateTimeUtils.parseInstant(stored));
        }
    }

    @Test
    void failsWhereAxonsParserFails() {
        for (String stored : new String[] {"2026-02-30T13:32:09.430Z", "2026-11-22T24:32:09.430Z",
                "2026-11-22T13:32:09.4a0Z", "not a timestamp at all!!"}) {
            assertThatThrownBy(() -> DateTimeUtils.parseInstant(stored)).isInstanceOf(DateTimeParseException.class);
            assertThatThrownBy(() -> StoredTimestamps.parse(stored)).as(stored)
                    .isInstanceOf(DateTimeParseException.class);
        }
    }
}
