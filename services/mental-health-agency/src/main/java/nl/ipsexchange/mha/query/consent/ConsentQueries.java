package nl.ipsexchange.mha.query.consent;

/** The queries of the consent register. */
public final class ConsentQueries {

    private ConsentQueries() {
    }

    /** All consents of one client, newest first. */
    public record FindConsentsOfClientQuery(String clientId) {
    }
}
