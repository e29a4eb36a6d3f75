package nl.ipsexchange.mha.command.consent;

import java.time.Instant;

import org.axonframework.serialization.Revision;

@Revision("1")
public record ConsentRevokedEvent(String consentId, String clientId, String reason, Instant revokedAt) {
}
