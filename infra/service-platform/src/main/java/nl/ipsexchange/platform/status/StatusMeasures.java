package nl.ipsexchange.platform.status;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The decision makers' measures (section 7 of the domain brief), per period, computed from the de-identified status
 * events every agency receives: referrals, intakes, trajectories started, funding decisions and amounts per funder,
 * competitive placements, the share of participants in competitive work (IPS benchmarks 31 / 41 / 50%), the median
 * days from referral to the first employer contact (target 30 or fewer), the share placed within 9 months, the
 * caseload per IPS specialist (20 or fewer) and the latest fidelity score per team.
 */
public class StatusMeasures {

    private final JdbcTemplate jdbc;

    public StatusMeasures(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Per funder: decisions and the amounts scheduled (by due date) in the period. */
    public record FunderFigures(String funder, long approved, long refused, BigDecimal amountScheduled) {
    }

    /** Open trajectories per IPS specialist at the end of the period (IPS: 20 or fewer). */
    public record Caseload(String specialist, long openTrajectories, boolean withinTwenty) {
    }

    /** The latest fidelity review of a team. */
    public record TeamFidelity(String team, LocalDate reviewDate, int total, String band) {
    }

    public record Measures(LocalDate from, LocalDate to, long referrals, long intakes, long trajectoriesStarted,
                           long competitivePlacements, long participants, long inCompetitiveWork,
                           Double shareInCompetitiveWork, String benchmark, Double medianDaysToFirstEmployerContact,
                           Double sharePlacedWithinNineMonths, List<FunderFigures> funders,
                           List<Caseload> caseloads, List<TeamFidelity> fidelity) {
    }

    public Measures measures(LocalDate from, LocalDate to) {
        LocalDate start = from == null ? LocalDate.of(2000, 1, 1) : from;
        LocalDate end = to == null ? LocalDate.of(9999, 12, 31) : to;
        Object[] period = {Date.valueOf(start), Date.valueOf(end)};
        long referrals = count("TrajectoryStep", "REFERRED", period);
        long intakes = jdbc.queryForObject("""
                select count(distinct payload->>'trajectoryId') from status_event where event_type = 'TrajectoryStep'
                and payload->>'step' = 'INTAKE_SESSION' and (payload->>'on')::date between ? and ?""", Long.class,
                period);
        long started = count("FundingStep", "APPROVED", period);
        long competitive = jdbc.queryForObject("""
                select count(*) from status_event where event_type = 'TrajectoryStep'
                and payload->>'step' = 'PLACEMENT_STARTED' and payload->>'competitive' = 'true'
                and (payload->>'on')::date between ? and ?""", Long.class, period);
        long participants = jdbc.queryForObject("""
                select count(distinct r.payload->>'trajectoryId') from status_event r
                where r.event_type = 'TrajectoryStep' and r.payload->>'step' = 'REFERRED'
                  and (r.payload->>'on')::date <= ?
                  and not exists (select 1 from status_event c where c.event_type = 'TrajectoryStep'
                      and c.payload->>'step' = 'CLOSED' and c.payload->>'trajectoryId' = r.payload->>'trajectoryId'
                      and (c.payload->>'on')::date < ?)""", Long.class, Date.valueOf(end), Date.valueOf(start));
        long working = jdbc.queryForObject("""
                select count(*) from (
                  select distinct on (payload->>'trajectoryId') payload->>'step' as step, payload->>'competitive' as c
                  from status_event where event_type = 'TrajectoryStep'
                    and payload->>'step' in ('PLACEMENT_STARTED', 'PLACEMENT_ENDED', 'CLOSED')
                    and (payload->>'on')::date <= ?
                  order by payload->>'trajectoryId', (payload->>'on')::date desc, received_at desc) latest
                where step = 'PLACEMENT_STARTED' and c = 'true'""", Long.class, Date.valueOf(end));
        Double share = participants == 0 ? null : Math.round(1000.0 * working / participants) / 10.0;
        Double median = jdbc.queryForObject("""
                select percentile_cont(0.5) within group (order by (payload->>'daysSinceReferral')::int)
                from status_event where event_type = 'TrajectoryStep' and payload->>'step' = 'FIRST_EMPLOYER_CONTACT'
                and (payload->>'on')::date between ? and ?""", Double.class, period);
        Double withinNine = jdbc.queryForObject("""
                select case when count(*) = 0 then null else round(100.0 * count(*) filter (where (p.payload->>'on')::date
                    < (r.payload->>'on')::date + interval '9 months') / count(*), 1) end
                from status_event p join status_event r on r.event_type = 'TrajectoryStep'
                  and r.payload->>'step' = 'REFERRED' and r.payload->>'trajectoryId' = p.payload->>'trajectoryId'
                where p.event_type = 'TrajectoryStep' and p.payload->>'step' = 'PLACEMENT_STARTED'
                  and p.payload->>'competitive' = 'true' and (p.payload->>'on')::date between ? and ?""",
                Double.class, period);
        List<FunderFigures> funders = new ArrayList<>(jdbc.query("""
                select payload->>'funder' as funder,
                  count(*) filter (where payload->>'step' = 'APPROVED') as approved,
                  count(*) filter (where payload->>'step' in ('APPROVAL_REFUSED', 'REJECTED')) as refused,
                  coalesce(sum((payload->>'amount')::numeric) filter (where payload->>'step' = 'PAYMENT_SCHEDULED'), 0)
                    as amount
                from status_event where event_type = 'FundingStep' and (payload->>'on')::date between ? and ?
                group by payload->>'funder' order by 1""",
                (rs, i) -> new FunderFigures(rs.getString("funder"), rs.getLong("approved"), rs.getLong("refused"),
                        rs.getBigDecimal("amount")), period));
        List<Caseload> caseloads = jdbc.query("""
                select coalesce(r.payload->>'specialist', '(unassigned)') as specialist, count(*) as open
                from status_event r where r.event_type = 'TrajectoryStep' and r.payload->>'step' = 'REFERRED'
                  and (r.payload->>'on')::date <= ?
                  and not exists (select 1 from status_event c where c.event_type = 'TrajectoryStep'
                      and c.payload->>'step' = 'CLOSED' and c.payload->>'trajectoryId' = r.payload->>'trajectoryId'
                      and (c.payload->>'on')::date <= ?)
                group by 1 order by 1""", (rs, i) -> new Caseload(rs.getString("specialist"), rs.getLong("open"),
                rs.getLong("open") <= 20), Date.valueOf(end), Date.valueOf(end));
        List<TeamFidelity> fidelity = jdbc.query("""
                select distinct on (payload->>'team') payload->>'team' as team, (payload->>'reviewDate')::date as d,
                  (payload->>'total')::int as total, payload->>'band' as band
                from status_event where event_type = 'FidelityReviewed' and (payload->>'reviewDate')::date <= ?
                order by payload->>'team', (payload->>'reviewDate')::date desc""",
                (rs, i) -> new TeamFidelity(rs.getString("team"), rs.getDate("d").toLocalDate(), rs.getInt("total"),
                        rs.getString("band")), Date.valueOf(end));
        return new Measures(from, to, referrals, intakes, started, competitive, participants, working, share,
                benchmark(share), median, withinNine, funders, caseloads, fidelity);
    }

    private long count(String type, String step, Object[] period) {
        return jdbc.queryForObject("""
                select count(*) from status_event where event_type = ? and payload->>'step' = ?
                and (payload->>'on')::date between ? and ?""", Long.class, type, step, period[0], period[1]);
    }

    /** Against the IPS benchmarks for the share in competitive work: 31% minimum, 41% average, 50% excellent. */
    static String benchmark(Double share) {
        if (share == null) {
            return "no participants";
        }
        if (share >= 50) {
            return "excellent (50% or more)";
        }
        if (share >= 41) {
            return "above average (41% or more)";
        }
        if (share >= 31) {
            return "at least the minimum (31%)";
        }
        return "below the minimum of 31%";
    }
}
