package nl.ipsexchange.mha.command.client;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import nl.ipsexchange.kernel.DataCategory;

/**
 * Record the client's health information of one category. The text arrives already encrypted with the client's
 * own data key, so that no event store ever holds it in the clear (crypto-shredding).
 */
public record RecordHealthInformationCommand(@TargetAggregateIdentifier String clientId, DataCategory category,
                                             String encryptedText) {
}
