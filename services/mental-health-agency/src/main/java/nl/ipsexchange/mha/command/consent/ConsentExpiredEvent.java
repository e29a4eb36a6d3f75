package nl.ipsexchange.mha.command.consent;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** The consent reached the end of its validity (an Axon deadline at the first moment after {@code validUntil}). */
@Revision("1")
public record ConsentExpiredEvent(String consentId, String clientId, Instant expiredAt) {
}
