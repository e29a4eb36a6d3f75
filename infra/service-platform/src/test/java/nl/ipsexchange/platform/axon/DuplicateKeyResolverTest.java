package nl.ipsexchange.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.dao.DataIntegrityViolationException;

/** A unique violation, as PostgreSQL signals it (its SQL state) or as the JDBC type, however deeply wrapped. */
class DuplicateKeyResolverTest {

    private final DuplicateKeyResolver resolver = new DuplicateKeyResolver();

    @ParameterizedTest(name = "SQL state {0}: duplicate key {1}")
    @CsvSource({"23505, true", "23503, false", "40001, false", "08006, false"})
    void aUniqueViolationIsADuplicateKeyAndNoOtherState(String state, boolean duplicate) {
        Exception wrapped = new DataIntegrityViolationException("append failed", new SQLException("failed", state));

        assertThat(resolver.isDuplicateKeyViolation(wrapped)).isEqualTo(duplicate);
    }

    @Test
    void theJdbcIntegrityConstraintTypeIsADuplicateKeyTooAndNoCauseIsNone() {
        assertThat(resolver.isDuplicateKeyViolation(new RuntimeException("append failed",
                new SQLIntegrityConstraintViolationException("duplicate")))).isTrue();
        assertThat(resolver.isDuplicateKeyViolation(new RuntimeException("append failed"))).isFalse();
    }
}
