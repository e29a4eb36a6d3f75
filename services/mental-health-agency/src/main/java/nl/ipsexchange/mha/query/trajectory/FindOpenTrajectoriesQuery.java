package nl.ipsexchange.mha.query.trajectory;

/** All open trajectories, oldest referral first. */
public record FindOpenTrajectoriesQuery() {
}
