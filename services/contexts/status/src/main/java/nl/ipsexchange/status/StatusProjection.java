package nl.ipsexchange.status;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * The projections the decision makers' measures read (ADR 25), kept up to date in the transaction that records status
 * events, so that a view of the measures reads rows shaped for them instead of every status event:
 * <ul>
 * <li>{@code status_step}: each trajectory or funding step with typed columns (and, for intakes and job starts,
 * the trajectory's previous intake and first referral);</li>
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
     * received_at)}, given as the statement's first common table expression, and ends with a query of the steps
     * projected ({@code %2$s}); {@code %1$s} is {@link #TRAJECTORY}. A step already projected is left as it was; the
     * day rows are added to (in key order, so that two transactions recording at once take their row locks in the
     * same order).
     */
    private static final String PROJECT_ARRIVED = """
            , steps as (
              insert into status_step (event_id, event_type, trajectory_id, step, on_date, competitive,
                                       days_since_referral, funder, amount, specialist, occurred_at, received_at)
              select event_id, event_type, %1$s, payload->>'step', (payload->>'on')::date,
                     coalesce(payload->>'competitive' = 'true', false), (payload->>'daysSinceReferral')::int,
                     payload->>'funder', (payload->>'amount')::numeric, payload->>'specialist', occurred_at,
                     received_at
              from arrived
              where event_type in ('TrajectoryStep', 'FundingStep') and %1$s is not null
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
            %2$s""";

    /**
     * The trajectory a step names: the sender's pseudonym of it, or in a step sent before pseudonyms (TrajectoryStep
     * 1 and 2, FundingStep 1) its id as it was sent, already on the topic (ADR 36).
     */
    private static final String TRAJECTORY = "coalesce(payload->>'trajectoryPseudonym', payload->>'trajectoryId')";

    /** The order of one trajectory's steps: by date, then as received, then as they occurred. */
    private static final String STEP_ORDER = "on_date, received_at, occurred_at, event_id";

    /**
     * The first referral (with its specialist) and the first closure of the trajectories that meet a condition
     * ({@code %1$s}), from all of their steps; a trajectory with neither has no row.
     */
    private static final String TRAJECTORIES = """
            insert into status_trajectory (trajectory_id, referred_on, specialist, referred_by_event_id, closed_on,
                                           closed_by_event_id)
            select trajectory_id,
                   (array_agg(on_date order by %2$s) filter (where step = 'REFERRED'))[1],
                   (array_agg(specialist order by %2$s) filter (where step = 'REFERRED'))[1],
                   (array_agg(event_id order by %2$s) filter (where step = 'REFERRED'))[1],
                   (array_agg(on_date order by %2$s) filter (where step = 'CLOSED'))[1],
                   (array_agg(event_id order by %2$s) filter (where step = 'CLOSED'))[1]
            from status_step
            where %1$s and event_type = 'TrajectoryStep' and step in ('REFERRED', 'CLOSED')
            group by trajectory_id order by trajectory_id
            on conflict (trajectory_id) do update set referred_on = excluded.referred_on,
                specialist = excluded.specialist, referred_by_event_id = excluded.referred_by_event_id,
                closed_on = excluded.closed_on, closed_by_event_id = excluded.closed_by_event_id""";

    /**
     * Each intake session's previous intake session and each placement start's first referral, in the trajectories
     * that meet a condition ({@code %1$s}); a row is written only when they change.
     */
    private static final String STEP_CONTEXT = """
            update status_step s set previous_on = c.previous_on, referred_on = c.referred_on
            from (select event_id, step,
                         lag(on_date) over (partition by trajectory_id, step order by %2$s) as previous_on,
                         min(on_date) filter (where step = 'REFERRED') over (partition by trajectory_id) as referred_on
                  from status_step
                  where %1$s and event_type = 'TrajectoryStep'
                    and step in ('REFERRED', 'INTAKE_SESSION', 'PLACEMENT_STARTED')) c
            where s.event_id = c.event_id and c.step <> 'REFERRED'
              and (s.previous_on, s.referred_on) is distinct from (c.previous_on, c.referred_on)""";

    private static final String FORGET_SPANS = "delete from status_work_span where %s";

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
              where %1$s and event_type = 'TrajectoryStep'
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
                            + " returning event_id, event_type, occurred_at, payload, received_at)"
                            + PROJECT_ARRIVED.formatted(TRAJECTORY,
                            "select distinct trajectory_id from steps order by 1"))) {
                parameters.set(connection, statement);
                return trajectoryIds(statement);
            }
        });
        if (!trajectories.isEmpty()) {
            jdbc.execute((Connection connection) -> {
                var ids = connection.createArrayOf("varchar", trajectories.toArray());
                String which = "trajectory_id = any (?::varchar[])";
                for (String sql : List.of(STEP_CONTEXT.formatted(which, STEP_ORDER),
                        TRAJECTORIES.formatted(which, STEP_ORDER), FORGET_SPANS.formatted(which),
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
        // a bulk load: the steps' secondary indexes are built once afterwards, not kept up to date row by row
        Map<String, String> indexes = new LinkedHashMap<>();
        jdbc.query("""
                select indexname, indexdef from pg_indexes
                where schemaname = current_schema() and tablename = 'status_step' and indexname <> 'status_step_pk'""",
                (RowCallbackHandler) row -> indexes.put(row.getString(1), row.getString(2)));
        indexes.keySet().forEach(index -> jdbc.execute("drop index " + index));
        jdbc.queryForObject("with arrived as (select event_id, event_type, occurred_at, payload, received_at from "
                + "status_event)" + PROJECT_ARRIVED.formatted(TRAJECTORY, "select count(*) from steps"), Long.class);
        jdbc.update(STEP_CONTEXT.formatted("true", STEP_ORDER));
        jdbc.update(TRAJECTORIES.formatted("true", STEP_ORDER));
        jdbc.update(SPANS.formatted("true", STEP_ORDER));
        indexes.values().forEach(jdbc::execute);
        return jdbc.queryForObject("select count(distinct trajectory_id) from status_step", Integer.class);
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
