package nl.ipsexchange.kernel.messaging;

import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.Purpose;

/**
 * The consent under which a message carries personal data: which consent, for which purpose, and exactly
 * the categories the message contains. A receiver checks these against its own replica of the consents.
 */
public record ConsentReference(UUID consentId, Purpose purpose, Set<DataCategory> categories) {

    public ConsentReference {
        Objects.requireNonNull(consentId, "consentId");
        Objects.requireNonNull(purpose, "purpose");
        categories = Set.copyOf(Objects.requireNonNull(categories, "categories"));
    }
}
