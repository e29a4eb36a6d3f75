package nl.ipsexchange.kernel;

/** What a piece of client data is about (section 5 of the domain brief). */
public enum DataCategory {
    IDENTIFICATION(false),
    BENEFITS(false),
    EMPLOYMENT(false),
    HEALTH_SUMMARY(true),
    DIAGNOSIS(true),
    TREATMENT(true);

    private final boolean healthData;

    DataCategory(boolean healthData) {
        this.healthData = healthData;
    }

    /** Health data is subject to need-to-know inside an agency and to an access record at every read. */
    public boolean isHealthData() {
        return healthData;
    }
}
