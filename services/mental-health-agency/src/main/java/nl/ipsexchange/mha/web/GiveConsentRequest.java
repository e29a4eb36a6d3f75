package nl.ipsexchange.mha.web;

import java.time.LocalDate;
import java.util.Set;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.consent.ConsentEffect;

/**
 * The body of {@code POST /api/clients/{clientId}/consents}. {@code effect} is optional: {@code PERMIT} (the
 * default) or {@code DENY} for an explicit refusal that overrides a broader permission.
 */
public record GiveConsentRequest(
        @NotEmpty(message = "at least one recipient agency is required") Set<@NotNull Agency> recipients,
        @NotEmpty(message = "at least one data category is required") Set<@NotNull DataCategory> categories,
        @NotEmpty(message = "at least one purpose is required") Set<@NotNull Purpose> purposes,
        @NotNull(message = "is required") LocalDate validFrom,
        @NotNull(message = "is required") LocalDate validUntil,
        ConsentEffect effect) {
}
