package nl.ipsexchange.mha.query.trajectory;

/** The queries of the trajectories. */
public final class TrajectoryQueries {

    private TrajectoryQueries() {
    }

    public record FindTrajectoryQuery(String trajectoryId) {
    }

    /** All open trajectories, oldest referral first. */
    public record FindOpenTrajectoriesQuery() {
    }

    public record FindOpenTrajectoryOfClientQuery(String clientId) {
    }
}
