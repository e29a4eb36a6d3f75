package nl.ipsexchange.platform.messaging;

import nl.ipsexchange.kernel.messaging.EventEnvelope;

/**
 * The receiving agency's consent check of a sealed message as far as its envelope tells (the consent reference), made
 * before the keys it needs are asked for: a message this agency would refuse anyway (a replay after a revocation) is
 * refused and recorded at once, without asking the sender for anything.
 */
public interface ReceiptPrecheck {

    /** No check: every sealed message is opened (a service that receives no personal data). */
    ReceiptPrecheck NONE = envelope -> false;

    /** @return whether the message is refused (the refusal is recorded) */
    boolean refusedBeforeOpening(EventEnvelope envelope);
}
