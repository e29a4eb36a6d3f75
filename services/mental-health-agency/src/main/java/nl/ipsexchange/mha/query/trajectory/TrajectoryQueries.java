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

    /** Every trajectory of a client, open or closed, newest referral first. */
    public record FindTrajectoriesOfClientQuery(String clientId) {
    }
}
