package nl.ipsexchange.kernel.fidelity;

/** The IPS-25 bands by total score: 25-73, 74-99, 100-114, 115-125. */
public enum FidelityBand {
    NOT_IPS(25, 73),
    FAIR(74, 99),
    GOOD(100, 114),
    EXEMPLARY(115, 125);

    private final int lowest;
    private final int highest;

    FidelityBand(int lowest, int highest) {
        this.lowest = lowest;
        this.highest = highest;
    }

    public static FidelityBand of(int total) {
        for (FidelityBand band : values()) {
            if (total >= band.lowest && total <= band.highest) {
                return band;
            }
        }
        throw new IllegalArgumentException("an IPS-25 total is 25..125, not " + total);
    }

    /** Funding may be approved only for a team whose latest review is FAIR or better. */
    public boolean allowsFunding() {
        return this != NOT_IPS;
    }
}
