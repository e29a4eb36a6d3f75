package nl.ipsexchange.kernel;

import java.util.Optional;

/** The client's benefit, which decides the funder under the covenant (section 3 of the domain brief). */
public enum BenefitType {
    /** Social assistance: funded by the municipality. */
    SOCIAL_ASSISTANCE(Agency.MUNICIPALITY),
    /** A disability benefit: funded by the benefits agency. */
    DISABILITY(Agency.BENEFITS),
    /** Neither: no funder under this covenant. */
    NONE(null);

    private final Agency funder;

    BenefitType(Agency funder) {
        this.funder = funder;
    }

    /** The agency that funds IPS for a client with this benefit; empty when the covenant names none. */
    public Optional<Agency> funder() {
        return Optional.ofNullable(funder);
    }
}
