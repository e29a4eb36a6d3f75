package nl.ipsexchange.mha.command.client;

import org.axonframework.serialization.Revision;

@Revision("1")
public record EmploymentInformationRecordedEvent(String clientId, String jobPreferences, boolean disclosureToEmployer) {
}
