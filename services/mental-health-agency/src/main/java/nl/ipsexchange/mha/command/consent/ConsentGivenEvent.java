package nl.ipsexchange.mha.command.consent;

import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

import org.axonframework.serialization.Revision;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.consent.ConsentEffect;
import nl.ipsexchange.kernel.consent.ConsentTerms;

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
