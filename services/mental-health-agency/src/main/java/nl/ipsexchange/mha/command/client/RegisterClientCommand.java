package nl.ipsexchange.mha.command.client;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import nl.ipsexchange.kernel.BenefitType;

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
