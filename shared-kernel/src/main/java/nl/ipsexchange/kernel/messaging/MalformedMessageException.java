package nl.ipsexchange.kernel.messaging;

/**
 * A message that cannot be read as an envelope of a known integration event. Retrying will not help:
 * such a message is parked on the dead-letter topic. The message text never contains payload content.
 */
public class MalformedMessageException extends RuntimeException {

    public MalformedMessageException(String message) {
        super(message);
    }

    public MalformedMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
