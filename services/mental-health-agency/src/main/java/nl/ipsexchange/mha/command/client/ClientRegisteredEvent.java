package nl.ipsexchange.mha.command.client;

import java.time.LocalDate;

import org.axonframework.serialization.Revision;

import nl.ipsexchange.kernel.BenefitType;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.platform.crypto.PersonalData;

/**
 * A client was registered at the mental health agency. Internal to this agency (identifying data): what
 * leaves the agency is the de-identified {@code ClientRegisteredStatusEvent} and, later, consent-gated data. Stored
 * with the identifying fields sealed under the client's IDENTIFICATION key.
 */
@Revision("1")
@PersonalData(category = DataCategory.IDENTIFICATION, fields = {"name", "bsn", "dateOfBirth", "municipality"})
public record ClientRegisteredEvent(
        String clientId,
        String name,
        String bsn,
        LocalDate dateOfBirth,
        BenefitType benefit,
        String municipality,
        LocalDate registeredOn) {
}
