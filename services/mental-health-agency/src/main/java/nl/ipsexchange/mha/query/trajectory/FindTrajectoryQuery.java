package nl.ipsexchange.mha.query.trajectory;

public record FindTrajectoryQuery(String trajectoryId) {
}
