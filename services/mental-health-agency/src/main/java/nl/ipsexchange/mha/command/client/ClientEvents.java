package nl.ipsexchange.mha.command.client;

import java.time.LocalDate;

import org.axonframework.serialization.Revision;

import nl.ipsexchange.kernel.BenefitType;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.platform.crypto.PersonalData;

/** The events of a client at the mental health agency, stored in its own event store. */
public final class ClientEvents {

    private ClientEvents() {
    }

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

    /** Health information of one category, encrypted with the client's data key. */
    @Revision("1")
    public record HealthInformationRecordedEvent(String clientId, DataCategory category, String encryptedText) {
    }

    /** The client's job preferences and disclosure choice; stored with the preferences sealed under the EMPLOYMENT key. */
    @Revision("1")
    @PersonalData(category = DataCategory.EMPLOYMENT, fields = "jobPreferences")
    public record EmploymentInformationRecordedEvent(String clientId, String jobPreferences, boolean disclosureToEmployer) {
    }
}
