package nl.ipsexchange.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import nl.ipsexchange.kernel.audit.AccessAction;
import nl.ipsexchange.kernel.audit.AccessOutcome;
import nl.ipsexchange.kernel.audit.AccessRecordedEvent;

class ClientIdsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "3F2A9C4E-1B7D-4E2A-9F00-ABCDEF012345, 3f2a9c4e-1b7d-4e2a-9f00-abcdef012345",
            "3f2a9c4e-1b7d-4e2a-9f00-abcdef012345, 3f2a9c4e-1b7d-4e2a-9f00-abcdef012345",
            "not-a-client, not-a-client"})
    void aClientIdIsWrittenInItsCanonicalFormAndAnythingElseIsLeftAsItIs(String given, String canonical) {
        assertThat(ClientIds.canonical(given)).isEqualTo(canonical);
    }

    @Test
    void anAccessRecordIsFiledUnderTheCanonicalClientIdHoweverItWasTyped() {
        UUID client = UUID.randomUUID();

        AccessRecordedEvent record = new AccessRecordedEvent(UUID.randomUUID(), Instant.now(), "BENEFITS", "u", "r",
                client.toString().toUpperCase(), Set.of(DataCategory.DIAGNOSIS), AccessAction.VIEW, null, null,
                AccessOutcome.DENIED, "refused");

        assertThat(record.clientId()).isEqualTo(client.toString());
    }
}
