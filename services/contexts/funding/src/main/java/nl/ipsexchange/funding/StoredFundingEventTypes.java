package nl.ipsexchange.funding;

import nl.ipsexchange.platform.axon.MovedEventTypes;

/** Funding events stored while funding lived in the service platform read as the same classes in this module (ADR 0039). */
public class StoredFundingEventTypes extends MovedEventTypes {

    /** The package these classes had before ADR 0039. */
    static final String FORMER_PACKAGE = "nl.ipsexchange.platform.funding.";

    public StoredFundingEventTypes() {
        super(FORMER_PACKAGE, StoredFundingEventTypes.class.getPackageName() + ".");
    }
}
