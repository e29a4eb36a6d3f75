package nl.ipsexchange.mha.command.consent;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The client withdraws a consent of theirs; {@code clientId} must be the consent's own client. */
public record RevokeConsentCommand(@TargetAggregateIdentifier String consentId, String clientId, String reason,
                                   Instant revokedAt) {
}
