package nl.ipsexchange.platform.audit;

/**
 * An access record could not be written (the database refused it, or is unreachable): the access it records is not
 * served. Answered {@code 503} with a problem document that names no client data; the caller may try again later.
 * The message never quotes the record or the data.
 */
public class AccessNotRecordedException extends RuntimeException {

    public AccessNotRecordedException(Throwable cause) {
        super("the access could not be recorded, so it is not served", cause);
    }
}
