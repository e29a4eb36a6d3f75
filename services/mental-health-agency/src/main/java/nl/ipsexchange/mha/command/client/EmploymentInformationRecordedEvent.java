package nl.ipsexchange.mha.command.client;

import org.axonframework.serialization.Revision;

import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.platform.crypto.PersonalData;

/** The client's job preferences and disclosure choice; stored with the preferences sealed under the EMPLOYMENT key. */
@Revision("1")
@PersonalData(category = DataCategory.EMPLOYMENT, fields = "jobPreferences")
public record EmploymentInformationRecordedEvent(String clientId, String jobPreferences, boolean disclosureToEmployer) {
}
