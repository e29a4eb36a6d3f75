package nl.ipsexchange.status;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The measures as they were computed before the status projections (ADR 25): straight from every stored status event,
 * on each call. Kept in the tests as the oracle the projections must agree with; the one change is a total order for
 * a trajectory's placement steps on the same day and received at the same instant (then as they occurred, then by
 * event id), which the projections use and the scan left to chance. It also counts the status events by type as
 * {@code StatusQueries} did.
 *
 * <p>What they are: the decision makers' measures (section 7 of the domain brief) per period, from the de-identified
 * status events every agency receives.
 */
final class MeasuresFromEveryStatusEvent {

    /**
     * The status events with the trajectory each names: the sender's pseudonym, or in an event sent before pseudonyms
     * its id as it was sent (ADR 36).
     */
    private static final String STEPS = "with status_event as (select *, coalesce(payload->>'trajectoryPseudonym', "
            + "payload->>'trajectoryId') as trajectory from status_event) ";

    private final JdbcTemplate jdbc;

    MeasuresFromEveryStatusEvent(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    StatusMeasures.Measures measures(LocalDate from, LocalDate to) {
        LocalDate start = from == null ? LocalDate.of(2000, 1, 1) : from;
        LocalDate end = to == null ? LocalDate.of(9999, 12, 31) : to;
        Object[] period = {Date.valueOf(start), Date.valueOf(end)};
        long referrals = count("TrajectoryStep", "REFERRED", period);
        long intakes = jdbc.queryForObject(STEPS + """
                select count(distinct trajectory) from status_event where event_type = 'TrajectoryStep'
                and payload->>'step' = 'INTAKE_SESSION' and (payload->>'on')::date between ? and ?""", Long.class,
                period);
        long started = count("FundingStep", "APPROVED", period);
        long competitive = jdbc.queryForObject("""
                select count(*) from status_event where event_type = 'TrajectoryStep'
                and payload->>'step' = 'PLACEMENT_STARTED' and payload->>'competitive' = 'true'
                and (payload->>'on')::date between ? and ?""", Long.class, period);
        long participants = jdbc.queryForObject(STEPS + """
                select count(distinct r.trajectory) from status_event r
                where r.event_type = 'TrajectoryStep' and r.payload->>'step' = 'REFERRED'
                  and (r.payload->>'on')::date <= ?
                  and not exists (select 1 from status_event c where c.event_type = 'TrajectoryStep'
                      and c.payload->>'step' = 'CLOSED' and c.trajectory = r.trajectory
                      and (c.payload->>'on')::date < ?)""", Long.class, Date.valueOf(end), Date.valueOf(start));
        long working = jdbc.queryForObject(STEPS + """
                select count(*) from (
                  select distinct on (trajectory) payload->>'step' as step, payload->>'competitive' as c
                  from status_event where event_type = 'TrajectoryStep'
                    and payload->>'step' in ('PLACEMENT_STARTED', 'PLACEMENT_ENDED', 'CLOSED')
                    and (payload->>'on')::date <= ?
                  order by trajectory, (payload->>'on')::date desc, received_at desc, occurred_at desc,
                    event_id desc) latest
                where step = 'PLACEMENT_STARTED' and c = 'true'""", Long.class, Date.valueOf(end));
        Double share = participants == 0 ? null : Math.round(1000.0 * working / participants) / 10.0;
        Double median = jdbc.queryForObject("""
                select percentile_cont(0.5) within group (order by (payload->>'daysSinceReferral')::int)
                from status_event where event_type = 'TrajectoryStep' and payload->>'step' = 'FIRST_EMPLOYER_CONTACT'
                and (payload->>'on')::date between ? and ?""", Double.class, period);
        long contacts = count("TrajectoryStep", "FIRST_EMPLOYER_CONTACT", period);
        String placed = STEPS + """
                select %s
                from status_event p join status_event r on r.event_type = 'TrajectoryStep'
                  and r.payload->>'step' = 'REFERRED' and r.trajectory = p.trajectory
                where p.event_type = 'TrajectoryStep' and p.payload->>'step' = 'PLACEMENT_STARTED'
                  and p.payload->>'competitive' = 'true' and (p.payload->>'on')::date between ? and ?""";
        String withinNineMonths = "(p.payload->>'on')::date < (r.payload->>'on')::date + interval '9 months'";
        Double withinNine = jdbc.queryForObject(placed.formatted("case when count(*) = 0 then null else round(100.0 "
                + "* count(*) filter (where " + withinNineMonths + ") / count(*), 1) end"), Double.class, period);
        long placements = jdbc.queryForObject(placed.formatted("count(*)"), Long.class, period);
        long within = jdbc.queryForObject(placed.formatted("count(*) filter (where " + withinNineMonths + ")"),
                Long.class, period);
        List<StatusMeasures.FunderFigures> funders = new ArrayList<>(jdbc.query(STEPS + """
                select payload->>'funder' as funder,
                  count(*) filter (where payload->>'step' = 'APPROVED') as approved,
                  count(*) filter (where payload->>'step' in ('APPROVAL_REFUSED', 'REJECTED')) as refused,
                  coalesce(sum((payload->>'amount')::numeric) filter (where payload->>'step' = 'PAYMENT_SCHEDULED'), 0)
                    as amount,
                  count(distinct trajectory) filter (where payload->>'step' = 'PAYMENT_SCHEDULED') as trajectories
                from status_event where event_type = 'FundingStep' and (payload->>'on')::date between ? and ?
                group by payload->>'funder' order by 1""",
                (rs, i) -> new StatusMeasures.FunderFigures(rs.getString("funder"), rs.getLong("approved"), rs.getLong("refused"),
                        rs.getBigDecimal("amount"), rs.getLong("trajectories")), period));
        List<StatusMeasures.Caseload> caseloads = caseloads(end);
        List<StatusMeasures.TeamFidelity> fidelity = jdbc.query("""
                select distinct on (payload->>'team') payload->>'team' as team, (payload->>'reviewDate')::date as d,
                  (payload->>'total')::int as total, payload->>'band' as band
                from status_event where event_type = 'FidelityReviewed' and (payload->>'reviewDate')::date <= ?
                order by payload->>'team', (payload->>'reviewDate')::date desc""",
                (rs, i) -> new StatusMeasures.TeamFidelity(rs.getString("team"), rs.getDate("d").toLocalDate(), rs.getInt("total"),
                        rs.getString("band")), Date.valueOf(end));
        return new StatusMeasures.Measures(from, to, referrals, intakes, started, competitive, participants, working, share,
                StatusMeasures.benchmark(share), median, withinNine, funders, caseloads, fidelity, placements, within,
                contacts, caseloads(start.minusDays(1)));
    }

    /** Open trajectories per specialist at the end of a day. */
    private List<StatusMeasures.Caseload> caseloads(LocalDate end) {
        return jdbc.query(STEPS + """
                select coalesce(r.payload->>'specialist', '(unassigned)') as specialist, count(*) as open
                from status_event r where r.event_type = 'TrajectoryStep' and r.payload->>'step' = 'REFERRED'
                  and (r.payload->>'on')::date <= ?
                  and not exists (select 1 from status_event c where c.event_type = 'TrajectoryStep'
                      and c.payload->>'step' = 'CLOSED' and c.trajectory = r.trajectory
                      and (c.payload->>'on')::date <= ?)
                group by 1 order by 1""", (rs, i) -> new StatusMeasures.Caseload(rs.getString("specialist"),
                rs.getLong("open"), rs.getLong("open") <= 20), Date.valueOf(end), Date.valueOf(end));
    }

    private long count(String type, String step, Object[] period) {
        return jdbc.queryForObject("""
                select count(*) from status_event where event_type = ? and payload->>'step' = ?
                and (payload->>'on')::date between ? and ?""", Long.class, type, step, period[0], period[1]);
    }

    /** Status events per type that occurred in the period (inclusive UTC days), as StatusQueries counted them. */
    Map<String, Long> eventCounts(LocalDate from, LocalDate to) {
        Instant start = from == null ? Instant.EPOCH : from.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = to == null ? Instant.parse("9999-12-31T00:00:00Z")
                : to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.query("""
                select event_type, count(*) from status_event where occurred_at >= ? and occurred_at < ?
                group by event_type order by event_type""", rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                }, Timestamp.from(start), Timestamp.from(end));
        return counts;
    }
}
