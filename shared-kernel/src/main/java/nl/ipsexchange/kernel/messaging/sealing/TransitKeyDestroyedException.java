package nl.ipsexchange.kernel.messaging.sealing;

/**
 * A message sealed for the agency that issued its key, under a key that agency has destroyed since it was sent (a
 * consent ended, or the client was erased): it can never be read, and that is as intended. Not a failure of the
 * message; names neither the key nor the content.
 */
public class TransitKeyDestroyedException extends RuntimeException {

    public TransitKeyDestroyedException(String type) {
        super(type + " is sealed under a transit key destroyed since it was sent", null, false, false);
    }
}
