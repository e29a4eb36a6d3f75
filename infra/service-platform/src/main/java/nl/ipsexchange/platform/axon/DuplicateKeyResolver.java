package nl.ipsexchange.platform.axon;

import static org.axonframework.common.ExceptionUtils.findException;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;

/**
 * Recognises a failed append as a duplicate key: two commands on one aggregate at once, which Axon then reports as
 * a concurrency conflict (retried, then a 409) rather than a failed store. Axon's own JDBC resolver knows only
 * {@link SQLIntegrityConstraintViolationException}, which PostgreSQL's driver does not throw: it signals a unique
 * violation by its SQL state.
 */
public class DuplicateKeyResolver implements PersistenceExceptionResolver {

    /** PostgreSQL's (and the SQL standard's) state of a unique violation. */
    static final String UNIQUE_VIOLATION = "23505";

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        return findException(exception, cause -> cause instanceof SQLIntegrityConstraintViolationException
                || cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())).isPresent();
    }
}
