package nl.ipsexchange.kernel.fidelity;

/**
 * What the covenant says about the fidelity condition of a funding approval (section 3, step 5; ADR 0045): the
 * newest review of the trajectory's own team counts only while it is at most {@code maxReviewAgeMonths} old, and a
 * review that is not independent of the provider and the trainer counts only if
 * {@code nonIndependentReviewOpensFunding}. Bound from {@value #PROPERTIES}, beside the covenant's amounts in the
 * kernel's {@code ips-funding-agreement.yml}.
 */
public record FidelityCovenant(int maxReviewAgeMonths, boolean nonIndependentReviewOpensFunding) {

    /** The settings' prefix: a funder binds this record from it. */
    public static final String PROPERTIES = "ips.funding.agreement.fidelity";

    public FidelityCovenant {
        if (maxReviewAgeMonths < 1) {
            throw new IllegalArgumentException(PROPERTIES + ".max-review-age-months: must be at least 1");
        }
    }
}
