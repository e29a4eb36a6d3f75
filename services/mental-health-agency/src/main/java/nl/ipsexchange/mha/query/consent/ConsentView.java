package nl.ipsexchange.mha.query.consent;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.consent.ConsentEffect;
import nl.ipsexchange.kernel.consent.ConsentTerms;

/** A consent as recorded, with its status at the moment of the query. */
public record ConsentView(
        String consentId,
        String clientId,
        ConsentEffect effect,
        Set<Agency> recipients,
        Set<DataCategory> categories,
        Set<Purpose> purposes,
        LocalDate validFrom,
        LocalDate validUntil,
        Status status,
        Instant endedAt,
        String revokeReason) {

    public enum Status {
        PENDING,
        ACTIVE,
        REVOKED,
        EXPIRED
    }

    public ConsentTerms terms() {
        return new ConsentTerms(UUID.fromString(consentId), clientId, effect, recipients, categories, purposes,
                validFrom, validUntil, endedAt);
    }
}
