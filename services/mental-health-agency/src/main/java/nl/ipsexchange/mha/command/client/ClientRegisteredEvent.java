package nl.ipsexchange.mha.command.client;

import java.time.LocalDate;

import org.axonframework.serialization.Revision;

import nl.ipsexchange.kernel.BenefitType;

/**
 * A client was registered at the mental health agency. Internal to this agency (identifying data): what
 * leaves the agency is the de-identified {@code ClientRegisteredStatusEvent} and, later, consent-gated data.
 */
@Revision("1")
public record ClientRegisteredEvent(
        String clientId,
        String name,
        String bsn,
        LocalDate dateOfBirth,
        BenefitType benefit,
        String municipality,
        LocalDate registeredOn) {
}
