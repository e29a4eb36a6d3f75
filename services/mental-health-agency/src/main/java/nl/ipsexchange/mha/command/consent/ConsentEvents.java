package nl.ipsexchange.mha.command.consent;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

import org.axonframework.serialization.Revision;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.consent.ConsentEffect;
import nl.ipsexchange.kernel.consent.ConsentTerms;
import nl.ipsexchange.platform.crypto.PersonalData;

/** The events of a client's consent, stored in the mental health agency's event store. */
public final class ConsentEvents {

    private ConsentEvents() {
    }

    @Revision("1")
    public record ConsentGivenEvent(
            String consentId,
            String clientId,
            ConsentEffect effect,
            Set<Agency> recipients,
            Set<DataCategory> categories,
            Set<Purpose> purposes,
            LocalDate validFrom,
            LocalDate validUntil) {

        public ConsentTerms terms() {
            return new ConsentTerms(UUID.fromString(consentId), clientId, effect, recipients, categories, purposes,
                    validFrom, validUntil, null);
        }
    }

    /** The reason is the clinician's or client's free text about the client: sealed under the client's key (ADR 38). */
    @Revision("1")
    @PersonalData(category = DataCategory.IDENTIFICATION, fields = "reason")
    public record ConsentRevokedEvent(String consentId, String clientId, String reason, Instant revokedAt) {
    }

    /** The consent reached the end of its validity (an Axon deadline at the first moment after {@code validUntil}). */
    @Revision("1")
    public record ConsentExpiredEvent(String consentId, String clientId, Instant expiredAt) {
    }
}
