package nl.ipsexchange.platform.messaging;

import java.util.Set;

import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.messaging.EventEnvelope;

/**
 * The receiving agency's consent check of an opened message carrying personal data, made by the handler that would
 * accept it: the message must cite a consent, name exactly the categories it carries, and every one must be
 * permitted by this agency's consents now. Supplied where consent-gated data is received (the sharing context) and
 * used by the contexts that receive such messages (funding's inbox) without naming it (ADR 0043). There is no
 * default: a service that handles personal data without this check does not start.
 */
public interface ReceiptCheck {

    /**
     * Checks the receipt and records it, permitted or refused, in the caller's transaction.
     *
     * @return whether the message may be accepted
     */
    boolean admit(String clientId, EventEnvelope envelope, Set<DataCategory> carried, String acceptedNote);
}
