package nl.ipsexchange.status;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The decision makers' measures (section 7 of the domain brief), per period, computed from the de-identified status
 * events every agency receives: referrals, intakes, trajectories started, funding decisions and amounts per funder,
 * competitive placements, the share of participants in competitive work (IPS benchmarks 31 / 41 / 50%), the median
 * days from referral to the first employer contact (target 30 or fewer), the share placed within 9 months, the
 * caseload per IPS specialist (20 or fewer) and the latest fidelity score per team. Read from the projections of the
 * status events ({@link StatusProjection}), so that a view reads rows shaped for these figures rather than every
 * status event (ADR 25).
 */
public class StatusMeasures {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate snapshot;

    /** @param transactions the figures of one call are read in one read-only transaction: all as of one moment */
    public StatusMeasures(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setReadOnly(true);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    /**
     * Per funder: decisions and the amounts scheduled (by due date) in the period, and how many of the funder's
     * trajectories those amounts are scheduled for.
     */
    public record FunderFigures(String funder, long approved, long refused, BigDecimal amountScheduled,
                                long trajectoriesScheduled) {
    }

    /** Open trajectories per IPS specialist at the end of the period (IPS: 20 or fewer). */
    public record Caseload(String specialist, long openTrajectories, boolean withinTwenty) {
    }

    /** The latest fidelity review of a team. */
    public record TeamFidelity(String team, LocalDate reviewDate, int total, String band) {
    }

    /**
     * The figures of a period as they are, small counts too: what {@link DeIdentifiedStatus} shows of them is
     * de-identified. Besides the figures shown, the counts the de-identification needs: the competitive placements
     * of the period whose referral is known and those among them within nine months of it (the share's parts), the
     * first employer contacts the median rests on, and the caseloads at the end of the day before the period (the
     * participants are the period's referrals and the trajectories open then).
     */
    public record Measures(LocalDate from, LocalDate to, long referrals, long intakes, long trajectoriesStarted,
                           long competitivePlacements, long participants, long inCompetitiveWork,
                           Double shareInCompetitiveWork, String benchmark, Double medianDaysToFirstEmployerContact,
                           Double sharePlacedWithinNineMonths, List<FunderFigures> funders,
                           List<Caseload> caseloads, List<TeamFidelity> fidelity, long placementsWithReferral,
                           long placedWithinNineMonths, long firstEmployerContacts, List<Caseload> caseloadsBefore) {
    }

    public Measures measures(LocalDate from, LocalDate to) {
        return measures(List.<LocalDate[]>of(new LocalDate[] {from, to})).get(0);
    }

    /** The measures of several periods ({from, to} each, either end open), read as of one moment: they agree. */
    public List<Measures> measures(List<LocalDate[]> periods) {
        return snapshot.execute(status -> {
            // a whole country's figures sorted in memory rather than in temporary files, and each query on one
            // process: they read prepared rows (tens of milliseconds), where starting parallel workers costs more
            // than it gains (measured among two million status events: 145 ms a view without, 225 ms with)
            jdbc.execute("set local work_mem = '32MB'");
            jdbc.execute("set local max_parallel_workers_per_gather = 0");
            return periods.stream().map(period -> read(period[0], period[1])).toList();
        });
    }

    private Measures read(LocalDate from, LocalDate to) {
        Date start = Date.valueOf(from == null ? LocalDate.of(2000, 1, 1) : from);
        Date end = Date.valueOf(to == null ? LocalDate.of(9999, 12, 31) : to);
        long referrals = steps("TrajectoryStep", "REFERRED", false, start, end);
        // trajectories with an intake session in the period: its first one in the period is the one whose previous
        // intake session (if any) lies before the period
        long intakes = jdbc.queryForObject("""
                select count(*) from status_step
                where event_type = 'TrajectoryStep' and step = 'INTAKE_SESSION' and on_date between ? and ?
                  and (previous_on is null or previous_on < ?)""", Long.class, start, end, start);
        long started = steps("FundingStep", "APPROVED", false, start, end);
        long competitive = steps("TrajectoryStep", "PLACEMENT_STARTED", true, start, end);
        // referred by the end of the period and not closed before its start
        long participants = jdbc.queryForObject("""
                select count(*) from status_trajectory
                where referred_on <= ? and (closed_on is null or closed_on >= ?)""", Long.class, end, start);
        // in competitive work at the end of the period: its latest placement step by then is a competitive start
        long working = jdbc.queryForObject("""
                select count(*) from status_work_span where started_on <= ? and (ended_on is null or ended_on > ?)""",
                Long.class, end, end);
        Double share = participants == 0 ? null : Math.round(1000.0 * working / participants) / 10.0;
        Median median = jdbc.queryForObject("""
                select percentile_cont(0.5) within group (order by days_since_referral), count(*) from status_step
                where event_type = 'TrajectoryStep' and step = 'FIRST_EMPLOYER_CONTACT' and on_date between ? and ?""",
                (rs, i) -> new Median(rs.getObject(1) == null ? null : rs.getDouble(1), rs.getLong(2)), start, end);
        NineMonths nine = jdbc.queryForObject("""
                select count(*), count(*) filter (where on_date < referred_on + interval '9 months'),
                  case when count(*) = 0 then null else round(100.0 * count(*) filter (where on_date
                    < referred_on + interval '9 months') / count(*), 1) end
                from status_step
                where event_type = 'TrajectoryStep' and step = 'PLACEMENT_STARTED' and competitive
                  and on_date between ? and ? and referred_on is not null""",
                (rs, i) -> new NineMonths(rs.getLong(1), rs.getLong(2),
                        rs.getObject(3) == null ? null : rs.getDouble(3)), start, end);
        // per funder, the trajectories its amounts are scheduled for (its own pseudonyms: counted per funder only)
        Map<String, Long> scheduledFor = new HashMap<>();
        jdbc.query("""
                select coalesce(funder, ''), count(distinct trajectory_id) from status_step
                where event_type = 'FundingStep' and step = 'PAYMENT_SCHEDULED' and on_date between ? and ?
                group by 1""", (RowCallbackHandler) rs -> scheduledFor.put(rs.getString(1), rs.getLong(2)), start, end);
        List<FunderFigures> funders = new ArrayList<>(jdbc.query("""
                select nullif(funder, '') as funder,
                  coalesce(sum(events) filter (where step = 'APPROVED'), 0) as approved,
                  coalesce(sum(events) filter (where step in ('APPROVAL_REFUSED', 'REJECTED')), 0) as refused,
                  coalesce(sum(amount) filter (where step = 'PAYMENT_SCHEDULED'), 0) as amount
                from status_step_day where event_type = 'FundingStep' and day between ? and ?
                group by funder order by funder""",
                (rs, i) -> new FunderFigures(rs.getString("funder"), rs.getLong("approved"), rs.getLong("refused"),
                        rs.getBigDecimal("amount"), scheduledFor.getOrDefault(
                                rs.getString("funder") == null ? "" : rs.getString("funder"), 0L)), start, end));
        List<Caseload> caseloads = caseloads(end);
        List<TeamFidelity> fidelity = jdbc.query("""
                select distinct on (payload->>'team') payload->>'team' as team, (payload->>'reviewDate')::date as d,
                  (payload->>'total')::int as total, payload->>'band' as band
                from status_event where event_type = 'FidelityReviewed' and (payload->>'reviewDate')::date <= ?
                order by payload->>'team', (payload->>'reviewDate')::date desc""",
                (rs, i) -> new TeamFidelity(rs.getString("team"), rs.getDate("d").toLocalDate(), rs.getInt("total"),
                        rs.getString("band")), end);
        return new Measures(from, to, referrals, intakes, started, competitive, participants, working, share,
                benchmark(share), median.days(), nine.share(), funders, caseloads, fidelity, nine.placements(),
                nine.within(), median.contacts(), caseloads(Date.valueOf(start.toLocalDate().minusDays(1))));
    }

    /** The median days to the first employer contact, and how many contacts it rests on. */
    private record Median(Double days, long contacts) {
    }

    /** The competitive placements whose referral is known, those within nine months of it, and their share. */
    private record NineMonths(long placements, long within, Double share) {
    }

    /** Open trajectories per specialist at the end of a day: referred by then and not closed by then. */
    private List<Caseload> caseloads(Date end) {
        return jdbc.query("""
                select coalesce(specialist, '(unassigned)') as specialist, count(*) as open from status_trajectory
                where referred_on <= ? and (closed_on is null or closed_on > ?)
                group by 1 order by 1""", (rs, i) -> new Caseload(rs.getString("specialist"), rs.getLong("open"),
                rs.getLong("open") <= 20), end, end);
    }

    /** Steps of a type taken in a period (only competitive ones when asked), from the counts per day. */
    private long steps(String type, String step, boolean onlyCompetitive, Date start, Date end) {
        return jdbc.queryForObject("""
                select coalesce(sum(events), 0) from status_step_day
                where event_type = ? and step = ? and day between ? and ? and (competitive or not ?)""", Long.class,
                type, step, start, end, onlyCompetitive);
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
