package nl.ipsexchange.mha.command.consent;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.consent.ConsentEffect;

/** The commands of a client's consent (section 5 of the domain brief). */
public final class ConsentCommands {

    private ConsentCommands() {
    }

    /** Record a consent the client gave (or a refusal, with effect DENY), as of {@code today}. */
    public record GiveConsentCommand(
            @TargetAggregateIdentifier String consentId,
            String clientId,
            ConsentEffect effect,
            Set<Agency> recipients,
            Set<DataCategory> categories,
            Set<Purpose> purposes,
            LocalDate validFrom,
            LocalDate validUntil,
            LocalDate today) {
    }

    /** The client withdraws a consent of theirs; {@code clientId} must be the consent's own client. */
    public record RevokeConsentCommand(@TargetAggregateIdentifier String consentId, String clientId, String reason,
                                       Instant revokedAt) {
    }
}
