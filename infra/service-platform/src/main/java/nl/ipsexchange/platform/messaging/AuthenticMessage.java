package nl.ipsexchange.platform.messaging;

import nl.ipsexchange.kernel.messaging.EventEnvelope;
import nl.ipsexchange.platform.messaging.signing.MessageVerifier;

/** A message's envelope, shown to be signed by its source. */
record AuthenticMessage(EventEnvelope envelope, MessageVerifier.Verified verified) {

    /** The same message with its sealed payload opened (unchanged when it carries none). */
    AuthenticMessage opened(EnvelopeOpener opener) {
        return new AuthenticMessage(opener.open(envelope), verified);
    }
}
