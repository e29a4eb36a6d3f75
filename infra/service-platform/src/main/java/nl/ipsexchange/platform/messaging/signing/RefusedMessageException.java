package nl.ipsexchange.platform.messaging.signing;

/**
 * A message that is not shown to come from the agency it names: it is never handled. The message names the key id
 * and the agencies involved, never the content.
 */
public class RefusedMessageException extends RuntimeException {

    /** Why a message was refused; also the tag of the refusals' metric. */
    public enum Reason {
        UNSIGNED("unsigned"),
        UNKNOWN_KEY("unknown-key"),
        BAD_SIGNATURE("bad-signature"),
        SIGNER_IS_NOT_SOURCE("signer-is-not-source");

        private final String tag;

        Reason(String tag) {
            this.tag = tag;
        }

        public String tag() {
            return tag;
        }
    }

    private final Reason reason;

    public RefusedMessageException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
