package nl.ipsexchange.kernel.consent;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.Purpose;

/**
 * Decides whether data of a category about a client may reach (or be read at) an agency for a purpose, from the
 * client's consents. The same code decides at the sender (the consent gate) and at every recipient (on receipt and
 * at every read). Rules:
 * <ul>
 *   <li>default deny: no active consent covering (agency, category, purpose) means no;</li>
 *   <li>several consents may coexist; among the active ones that cover the question, the most specific wins
 *   (the fewest recipient x category x purpose combinations);</li>
 *   <li>between equally specific rules, a refusal wins over a permission.</li>
 * </ul>
 */
public final class ConsentPolicy {

    private static final Comparator<ConsentTerms> MOST_SPECIFIC_FIRST = Comparator
            .comparingInt(ConsentTerms::breadth)
            .thenComparing(terms -> terms.effect() == ConsentEffect.DENY ? 0 : 1)
            .thenComparing(ConsentTerms::consentId);

    private ConsentPolicy() {
    }

    /** The consent that permits it, or empty when it is not permitted. */
    public static Optional<UUID> permittingConsent(Collection<ConsentTerms> consents, Agency agency,
                                                   DataCategory category, Purpose purpose, Instant moment) {
        return consents.stream()
                .filter(terms -> terms.isActiveAt(moment) && terms.covers(agency, category, purpose))
                .min(MOST_SPECIFIC_FIRST)
                .filter(winner -> winner.effect() == ConsentEffect.PERMIT)
                .map(ConsentTerms::consentId);
    }

    public static boolean permits(Collection<ConsentTerms> consents, Agency agency, DataCategory category,
                                  Purpose purpose, Instant moment) {
        return permittingConsent(consents, agency, category, purpose, moment).isPresent();
    }

    /**
     * The receiving side's check of a message: the consent it cites must be one of this client's, active and
     * permitting, and every category it carries must be permitted for this agency and purpose now.
     *
     * @return why the message is refused, or empty when it may be accepted
     */
    public static Optional<String> refusalOfReceipt(Collection<ConsentTerms> consents, Agency agency,
                                                    UUID citedConsent, Purpose purpose,
                                                    Set<DataCategory> categories, Instant moment) {
        Optional<ConsentTerms> cited = consents.stream().filter(t -> t.consentId().equals(citedConsent)).findFirst();
        if (cited.isEmpty()) {
            return Optional.of("the cited consent is unknown here");
        }
        if (!cited.get().isActiveAt(moment) || cited.get().effect() != ConsentEffect.PERMIT) {
            return Optional.of("the cited consent is not active");
        }
        for (DataCategory category : categories) {
            if (!permits(consents, agency, category, purpose, moment)) {
                return Optional.of("no active consent covers " + category + " for " + purpose);
            }
        }
        return Optional.empty();
    }

    /** The categories that may reach {@code agency} for {@code purpose} now. */
    public static Set<DataCategory> permittedCategories(Collection<ConsentTerms> consents, Agency agency,
                                                        Purpose purpose, Instant moment) {
        Set<DataCategory> permitted = EnumSet.noneOf(DataCategory.class);
        for (DataCategory category : DataCategory.values()) {
            if (permits(consents, agency, category, purpose, moment)) {
                permitted.add(category);
            }
        }
        return permitted;
    }
}
