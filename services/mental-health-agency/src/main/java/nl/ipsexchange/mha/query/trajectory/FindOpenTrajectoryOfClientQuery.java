package nl.ipsexchange.mha.query.trajectory;

public record FindOpenTrajectoryOfClientQuery(String clientId) {
}
