package nl.ipsexchange.mha.command.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BsnTest {

    @ParameterizedTest
    @ValueSource(strings = {"111222333", "123456782", "999999990"})
    void numbersThatPassTheElevenTestAreValid(String bsn) {
        assertThat(Bsn.isValid(bsn)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"111222334", "123456789", "12345678", "1234567890", "abcdefghi", "000000000", ""})
    void othersAreNot(String bsn) {
        assertThat(Bsn.isValid(bsn)).isFalse();
    }
}
