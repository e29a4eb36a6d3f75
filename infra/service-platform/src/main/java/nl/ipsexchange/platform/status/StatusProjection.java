package nl.ipsexchange.platform.status;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The projections the decision makers' measures read (ADR 25), kept up to date in the transaction that records status
 * events, so that a view of the measures reads rows shaped for them instead of every status event:
 * <ul>
 * <li>{@code status_step}: each trajectory or funding step with typed columns;</li>
 * <li>{@code status_step_day} and {@code status_event_day}: additive counts and amounts per day;</li>
 * <li>{@code status_trajectory}: each trajectory's first referral (with its specialist) and first closure;</li>
 * <li>{@code status_work_span}: the spans of days a trajectory is in competitive work.</li>
 * </ul>
 * The per-trajectory rows are worked out again from all of the trajectory's steps whenever one of its steps arrives,
 * so that steps arriving out of order give the same rows as in order. Every row names the event that produced it.
 */
public final class StatusProjection {

    /**
     * Projects the status events of a relation {@code arrived(event_id, event_type, occurred_at, payload,
     * received_at)}, given as the statement's first common table expression; answers the trajectories whose steps
     * arrived. A step already projected is left as it was; the day rows are added to (in key order, so that two
     * transactions recording at once take their row locks in the same order).
     */
    private static final String PROJECT_ARRIVED = """
            , steps as (
              insert into status_step (event_id, event_type, trajectory_id, step, on_date, competitive,
                                       days_since_referral, funder, amount, specialist, occurred_at, received_at)
              select event_id, event_type, payload->>'trajectoryId', payload->>'step', (payload->>'on')::date,
                     coalesce(payload->>'competitive' = 'true', false), (payload->>'daysSinceReferral')::int,
                     payload->>'funder', (payload->>'amount')::numeric, payload->>'specialist', occurred_at,
                     received_at
              from arrived
              where event_type in ('TrajectoryStep', 'FundingStep') and payload->>'trajectoryId' is not null
                and payload->>'step' is not null and payload->>'on' is not null
              order by event_id
              on conflict (event_id) do nothing
              returning event_id, event_type, trajectory_id, step, on_date, competitive, funder, amount, occurred_at),
            event_days as (
              insert into status_event_day (event_type, day, events, last_event_id)
              select event_type, (occurred_at at time zone 'UTC')::date, count(*),
                     (array_agg(event_id order by occurred_at desc, event_id desc))[1]
              from arrived group by 1, 2 order by 1, 2
              on conflict (event_type, day) do update set events = status_event_day.events + excluded.events,
                  last_event_id = excluded.last_event_id),
            step_days as (
              insert into status_step_day (event_type, step, day, funder, competitive, events, amount, last_event_id)
              select event_type, step, on_date, coalesce(funder, ''), competitive, count(*), coalesce(sum(amount), 0),
                     (array_agg(event_id order by occurred_at desc, event_id desc))[1]
              from steps group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5
              on conflict (event_type, step, day, funder, competitive) do update
                  set events = status_step_day.events + excluded.events,
                      amount = status_step_day.amount + excluded.amount, last_event_id = excluded.last_event_id)
            select distinct trajectory_id from steps order by 1""";

    /** The order of one trajectory's steps: by date, then as received, then as they occurred. */
    private static final String STEP_ORDER = "on_date, received_at, occurred_at, event_id";

    /** Each given trajectory's first referral and first closure, from all of its steps ({@code %s}: the ids). */
    private static final String TRAJECTORIES = """
            insert into status_trajectory (trajectory_id, referred_on, specialist, referred_by_event_id, closed_on,
                                           closed_by_event_id)
            select t.id, r.on_date, r.specialist, r.event_id, c.on_date, c.event_id
            from (%1$s) t(id)
            left join lateral (select on_date, specialist, event_id from status_step s
                               where s.trajectory_id = t.id and s.event_type = 'TrajectoryStep' and s.step = 'REFERRED'
                               order by %2$s limit 1) r on true
            left join lateral (select on_date, event_id from status_step s
                               where s.trajectory_id = t.id and s.event_type = 'TrajectoryStep' and s.step = 'CLOSED'
                               order by %2$s limit 1) c on true
            order by t.id
            on conflict (trajectory_id) do update set referred_on = excluded.referred_on,
                specialist = excluded.specialist, referred_by_event_id = excluded.referred_by_event_id,
                closed_on = excluded.closed_on, closed_by_event_id = excluded.closed_by_event_id""";

    private static final String FORGET_SPANS = "delete from status_work_span where trajectory_id in (%s)";

    /**
     * A trajectory is in competitive work on a day when its latest placement step on or before that day is a
     * competitive start: a span from that start up to the day of the next placement step (none on the start's day
     * itself, when another step follows it on the same day).
     */
    private static final String SPANS = """
            insert into status_work_span (started_by_event_id, trajectory_id, started_on, ended_on, ended_by_event_id)
            select event_id, trajectory_id, on_date, next_on, next_event_id from (
              select event_id, trajectory_id, step, competitive, on_date,
                     lead(on_date) over placements as next_on, lead(event_id) over placements as next_event_id
              from status_step
              where trajectory_id in (%1$s) and event_type = 'TrajectoryStep'
                and step in ('PLACEMENT_STARTED', 'PLACEMENT_ENDED', 'CLOSED')
              window placements as (partition by trajectory_id order by %2$s)) placement
            where step = 'PLACEMENT_STARTED' and competitive and (next_on is null or next_on > on_date)
            order by event_id""";

    private StatusProjection() {
    }

    /**
     * Records status events (the {@code status_event} rows this statement inserts, given as a statement whose
     * parameters the caller sets) and projects the ones not recorded before, in the caller's transaction.
     */
    static void recordAndProject(JdbcTemplate jdbc, String insertStatusEvents, StatementParameters parameters) {
        List<String> trajectories = jdbc.execute((Connection connection) -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "with arrived as (" + insertStatusEvents
                            + " returning event_id, event_type, occurred_at, payload, received_at)" + PROJECT_ARRIVED)) {
                parameters.set(connection, statement);
                return trajectoryIds(statement);
            }
        });
        if (!trajectories.isEmpty()) {
            jdbc.execute((Connection connection) -> {
                var ids = connection.createArrayOf("varchar", trajectories.toArray());
                String which = "select unnest(?::varchar[])";
                for (String sql : List.of(TRAJECTORIES.formatted(which, STEP_ORDER), FORGET_SPANS.formatted(which),
                        SPANS.formatted(which, STEP_ORDER))) {
                    try (PreparedStatement statement = connection.prepareStatement(sql)) {
                        statement.setArray(1, ids);
                        statement.executeUpdate();
                    }
                }
                return null;
            });
        }
    }

    /**
     * Projects every stored status event again, from empty projections: how they are first filled from the status
     * events stored before them, and how they are rebuilt when the way they are worked out changes.
     *
     * @return the number of trajectories projected
     */
    public static int rebuild(JdbcTemplate jdbc) {
        jdbc.execute("truncate status_step, status_step_day, status_event_day, status_trajectory, status_work_span");
        int trajectories = jdbc.execute((Connection connection) -> {
            try (PreparedStatement statement = connection.prepareStatement("""
                    with arrived as (select event_id, event_type, occurred_at, payload, received_at from status_event)
                    """ + PROJECT_ARRIVED)) {
                return trajectoryIds(statement).size();
            }
        });
        String every = "select distinct trajectory_id from status_step";
        jdbc.update(TRAJECTORIES.formatted(every, STEP_ORDER));
        jdbc.update(SPANS.formatted(every, STEP_ORDER));
        return trajectories;
    }

    private static List<String> trajectoryIds(PreparedStatement statement) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (var rows = statement.executeQuery()) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    /** Sets a statement's parameters. */
    @FunctionalInterface
    interface StatementParameters {
        void set(Connection connection, PreparedStatement statement) throws SQLException;
    }
}
