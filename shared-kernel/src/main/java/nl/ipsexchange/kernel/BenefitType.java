package nl.ipsexchange.kernel;

/** The client's benefit, which decides the funder under the covenant (section 3 of the domain brief). */
public enum BenefitType {
    /** Social assistance: funded by the municipality. */
    SOCIAL_ASSISTANCE,
    /** A disability benefit: funded by the benefits agency. */
    DISABILITY,
    /** Neither: no funder under this covenant. */
    NONE
}
