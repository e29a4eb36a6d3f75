package nl.ipsexchange.mha.query.consent;

/** All consents of one client, newest first. */
public record FindConsentsOfClientQuery(String clientId) {
}
