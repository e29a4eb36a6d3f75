package nl.ipsexchange.platform.messaging;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.ArrayList;
import java.util.List;

import org.axonframework.common.AxonTransientException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells a failure that will pass by itself (the database or the broker is away, a deadlock, a serialisation
 * conflict) from one that will not (a poison message), and describes failures without their content.
 */
final class MessageFailures {

    private MessageFailures() {
    }

    static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CannotCreateTransactionException || cause instanceof DataAccessResourceFailureException
                    || cause instanceof TransientDataAccessException || cause instanceof AxonTransientException
                    || cause instanceof IntegrationEventPublisher.PublicationFailedException
                    || cause instanceof ConnectException
                    || cause instanceof SQLTransientException
                    || cause instanceof SQLRecoverableException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null && isTransientState(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** Connection trouble (08), serialisation failure or deadlock (40), out of resources (53), shutdown (57P). */
    private static boolean isTransientState(String state) {
        return state.startsWith("08") || state.startsWith("40") || state.startsWith("53") || state.startsWith("57P");
    }

    /**
     * The failure's chain of exception types; a message only from this platform's own exceptions, which never carry
     * client data (others, such as a database's, may quote the values involved).
     */
    static String describe(Throwable failure) {
        List<String> parts = new ArrayList<>();
        for (Throwable cause = failure; cause != null && parts.size() < 5; cause = cause.getCause()) {
            String part = cause.getClass().getSimpleName();
            if (cause.getClass().getName().startsWith("nl.ipsexchange.") && cause.getMessage() != null) {
                part += ": " + cause.getMessage().replaceAll("[\\r\\n\\t]", " ");
            }
            parts.add(part);
        }
        String description = String.join(" <- ", parts);
        return description.length() <= 500 ? description : description.substring(0, 500);
    }
}
