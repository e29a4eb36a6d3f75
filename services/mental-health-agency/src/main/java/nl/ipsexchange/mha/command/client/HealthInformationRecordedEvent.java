package nl.ipsexchange.mha.command.client;

import org.axonframework.serialization.Revision;

import nl.ipsexchange.kernel.DataCategory;

/** Health information of one category, encrypted with the client's data key. */
@Revision("1")
public record HealthInformationRecordedEvent(String clientId, DataCategory category, String encryptedText) {
}
