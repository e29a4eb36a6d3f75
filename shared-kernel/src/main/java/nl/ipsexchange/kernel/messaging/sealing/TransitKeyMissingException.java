package nl.ipsexchange.kernel.messaging.sealing;

import java.util.List;

/**
 * A sealed envelope names keys this agency does not hold (yet): it has to ask the sender for them. Not a failure of
 * the message; names the key ids only.
 */
public class TransitKeyMissingException extends RuntimeException {

    private final transient List<SealedPart> missing;

    public TransitKeyMissingException(List<SealedPart> missing) {
        super("waits for the sender's key " + missing.stream().map(p -> p.keyId().toString()).toList());
        this.missing = List.copyOf(missing);
    }

    /** The parts whose keys are missing (category and key id; their data stays sealed). */
    public List<SealedPart> missing() {
        return missing;
    }
}
