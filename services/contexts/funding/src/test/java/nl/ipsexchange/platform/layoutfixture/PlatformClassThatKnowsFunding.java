package nl.ipsexchange.platform.layoutfixture;

import nl.ipsexchange.funding.FundingConfiguration;

/** A platform class that breaks the layout on purpose (ArchitectureRulesCatchBreachesTest): it names funding. */
public final class PlatformClassThatKnowsFunding {

    private PlatformClassThatKnowsFunding() {
    }

    public static Object configured(FundingConfiguration funding) {
        return funding;
    }
}
