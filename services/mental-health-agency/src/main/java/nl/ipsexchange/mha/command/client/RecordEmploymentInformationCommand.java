package nl.ipsexchange.mha.command.client;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The client's job preferences and their own choice about disclosing their condition to employers. */
public record RecordEmploymentInformationCommand(@TargetAggregateIdentifier String clientId, String jobPreferences,
                                                 boolean disclosureToEmployer) {
}
