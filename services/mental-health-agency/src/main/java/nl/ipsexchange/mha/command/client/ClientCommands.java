package nl.ipsexchange.mha.command.client;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import nl.ipsexchange.kernel.BenefitType;
import nl.ipsexchange.kernel.DataCategory;

/** The commands of a client at the mental health agency. */
public final class ClientCommands {

    private ClientCommands() {
    }

    /** Register a client of the mental health agency; {@code clientId} is the new pseudonymous id. */
    public record RegisterClientCommand(
            @TargetAggregateIdentifier String clientId,
            String name,
            String bsn,
            LocalDate dateOfBirth,
            BenefitType benefit,
            String municipality,
            LocalDate registeredOn) {
    }

    /**
     * Record the client's health information of one category. The text arrives already encrypted with the client's
     * own data key, so that no event store ever holds it in the clear (crypto-shredding).
     */
    public record RecordHealthInformationCommand(@TargetAggregateIdentifier String clientId, DataCategory category,
                                                 String encryptedText) {
    }

    /** The client's job preferences and their own choice about disclosing their condition to employers. */
    public record RecordEmploymentInformationCommand(@TargetAggregateIdentifier String clientId, String jobPreferences,
                                                     boolean disclosureToEmployer) {
    }
}
