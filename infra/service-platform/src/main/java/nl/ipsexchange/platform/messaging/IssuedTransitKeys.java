package nl.ipsexchange.platform.messaging;

import java.util.Optional;
import java.util.UUID;

import nl.ipsexchange.kernel.messaging.sealing.IssuedTransitKey;

/**
 * The transit keys this agency issued to others, looked up by id: supplied by the agency that issues them (the client's
 * provider) so that {@link EnvelopeOpener} opens what a recipient sealed back for it (ADR 51). Elsewhere none: a
 * message sealed for its issuer is not for this agency.
 */
@FunctionalInterface
public interface IssuedTransitKeys {

    /** No keys issued here. */
    IssuedTransitKeys NONE = keyId -> Optional.empty();

    /** The key as issued (with its bytes unless it was destroyed since); empty when it was never issued here. */
    Optional<IssuedTransitKey> issued(UUID keyId);
}
