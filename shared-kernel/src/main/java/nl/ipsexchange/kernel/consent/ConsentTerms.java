package nl.ipsexchange.kernel.consent;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.Purpose;

/**
 * One consent rule of one client, as the mental health agency recorded it and as each recipient replicates the
 * part about itself: for which recipients, categories and purposes, permit or deny, valid from the start of
 * {@code validFrom} up to and including {@code validUntil} (dates in the covenant's zone), unless ended earlier.
 *
 * @param endedAt when it was revoked or expired early; {@code null} while not ended
 */
public record ConsentTerms(
        UUID consentId,
        String clientId,
        ConsentEffect effect,
        Set<Agency> recipients,
        Set<DataCategory> categories,
        Set<Purpose> purposes,
        LocalDate validFrom,
        LocalDate validUntil,
        Instant endedAt) {

    /** The covenant's zone: consent dates begin and end at midnight here. */
    public static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

    public ConsentTerms {
        Objects.requireNonNull(consentId, "consentId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(effect, "effect");
        recipients = Set.copyOf(recipients);
        categories = Set.copyOf(categories);
        purposes = Set.copyOf(purposes);
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(validUntil, "validUntil");
        if (validUntil.isBefore(validFrom)) {
            throw new IllegalArgumentException("validUntil is before validFrom");
        }
    }

    /** The first instant of {@code validFrom}. */
    public Instant startsAt() {
        return validFrom.atStartOfDay(ZONE).toInstant();
    }

    /** The first instant after {@code validUntil}: when the consent expires by itself. */
    public Instant expiresAt() {
        return validUntil.plusDays(1).atStartOfDay(ZONE).toInstant();
    }

    public boolean isActiveAt(Instant moment) {
        return !moment.isBefore(startsAt()) && moment.isBefore(expiresAt())
                && (endedAt == null || moment.isBefore(endedAt));
    }

    public boolean covers(Agency recipient, DataCategory category, Purpose purpose) {
        return recipients.contains(recipient) && categories.contains(category) && purposes.contains(purpose);
    }

    /** Fewer (recipient, category, purpose) combinations is more specific. */
    public int breadth() {
        return recipients.size() * categories.size() * purposes.size();
    }

    public ConsentTerms endedAt(Instant moment) {
        return new ConsentTerms(consentId, clientId, effect, recipients, categories, purposes, validFrom, validUntil,
                endedAt == null || moment.isBefore(endedAt) ? moment : endedAt);
    }

    /** The same consent as one recipient sees it: only itself as recipient. */
    public ConsentTerms forRecipient(Agency recipient) {
        return new ConsentTerms(consentId, clientId, effect, Set.of(recipient), categories, purposes, validFrom,
                validUntil, endedAt);
    }
}
