package nl.ipsexchange.mha.query.client;

import java.time.LocalDate;

import nl.ipsexchange.kernel.BenefitType;

/** A client as the mental health agency's own staff see it (identification, benefit, employment). */
public record ClientView(
        String clientId,
        String name,
        String bsn,
        LocalDate dateOfBirth,
        BenefitType benefit,
        String municipality,
        LocalDate registeredOn,
        String jobPreferences,
        Boolean disclosureToEmployer) {
}
