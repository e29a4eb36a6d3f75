package nl.ipsexchange.mha.messaging;

import java.util.UUID;

import org.axonframework.serialization.Revision;

import nl.ipsexchange.kernel.Agency;

/**
 * An agency asked for a transit key. Stored in the event store (the outbox), so that the answer is decided and sent
 * by the relay, reliably, in the client's order: after any revocation stored before it.
 */
@Revision("1")
public record TransitKeyRequestReceivedEvent(UUID keyId, String clientId, Agency requester,
                                             String requesterPublicKey) {
}
