package nl.ipsexchange.mha.command.consent;

import java.time.Instant;

import org.axonframework.serialization.Revision;

import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.platform.crypto.PersonalData;

/** The reason is the clinician's or client's free text about the client: sealed under the client's key (ADR 38). */
@Revision("1")
@PersonalData(category = DataCategory.IDENTIFICATION, fields = "reason")
public record ConsentRevokedEvent(String consentId, String clientId, String reason, Instant revokedAt) {
}
