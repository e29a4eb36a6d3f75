package nl.ipsexchange.mha.query.trajectory;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.funding.FundingDecidedEvent.Decision;
import nl.ipsexchange.kernel.funding.FundingDecisionReason;
import nl.ipsexchange.kernel.funding.PaymentLineStatus;
import nl.ipsexchange.kernel.funding.PaymentLineUpdatedEvent;
import nl.ipsexchange.kernel.funding.PaymentStatement;
import nl.ipsexchange.kernel.funding.PaymentType;
import nl.ipsexchange.kernel.funding.StatementPeriod;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.FundingDecisionRecordedEvent;
import nl.ipsexchange.mha.query.trajectory.TrajectoryView.FundingDecisionView;
import nl.ipsexchange.mha.query.trajectory.TrajectoryView.PaymentLineView;

/**
 * What the funder decided about a trajectory and its payment lines, as the funder's messages tell it (ADR 46). The
 * decision as the trajectory recorded it (ADR 52: with the covenant version of an approval), in the command's
 * transaction; the lines in the inbound message's transaction. Every value is replaced only by one with a later funder
 * sequence number: a redelivered message, or one that arrives after a later one, changes nothing. A line's type and
 * amount come with its scheduling; later changes carry its status and, when it moves, its due date.
 */
@Component
@ProcessingGroup("client-register")
public class TrajectoryFundingProjection {

    private final JdbcTemplate jdbc;

    public TrajectoryFundingProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The funder the trajectory's funding was applied at, if it was. */
    public Optional<Agency> funderOf(String trajectoryId) {
        return jdbc.queryForList("select funder from trajectory where trajectory_id = ? and funder is not null",
                String.class, trajectoryId).stream().findFirst().map(Agency::valueOf);
    }

    /** The decision as the trajectory recorded it, in the command's transaction. */
    @EventHandler
    void on(FundingDecisionRecordedEvent event) {
        jdbc.update("""
                insert into trajectory_funding_decision (trajectory_id, funder, decision, start_date, decided_on,
                    reason_code, sequence, covenant_version, recorded_by_trajectory)
                values (?, ?, ?, ?, ?, ?, ?, ?, true)
                on conflict (trajectory_id) do update set funder = excluded.funder, decision = excluded.decision,
                    start_date = excluded.start_date, decided_on = excluded.decided_on,
                    reason_code = excluded.reason_code, sequence = excluded.sequence,
                    covenant_version = excluded.covenant_version, recorded_by_trajectory = true
                where trajectory_funding_decision.sequence < excluded.sequence
                    or not trajectory_funding_decision.recorded_by_trajectory""",
                event.trajectoryId(), event.funder().name(), event.decision().name(), date(event.startDate()),
                date(event.decidedOn()), event.reason() == null ? null : event.reason().name(), event.sequence(),
                event.covenantVersion());
    }

    /** A decision kept here before trajectories recorded them, with its funder's sequence number. */
    public record DecisionNotInItsTrajectory(String trajectoryId, long sequence, FundingDecisionView decision) {
    }

    /** Decisions kept here before trajectories recorded them (ADR 52): {@link #recordedByTheTrajectory} once told. */
    public List<DecisionNotInItsTrajectory> decisionsNotInTheirTrajectories() {
        return jdbc.query("""
                select * from trajectory_funding_decision where not recorded_by_trajectory
                order by trajectory_id""", (rs, i) -> new DecisionNotInItsTrajectory(rs.getString("trajectory_id"),
                rs.getLong("sequence"), decisionOf(rs)));
    }

    public void recordedByTheTrajectory(String trajectoryId) {
        jdbc.update("update trajectory_funding_decision set recorded_by_trajectory = true where trajectory_id = ?",
                trajectoryId);
    }

    public void on(PaymentLineUpdatedEvent event) {
        Long dueSequence = event.dueDate() == null ? null : event.sequence();
        // a move changes a line's date, not where it stands: shown as moved only until its standing arrives
        long statusSequence = event.status() == PaymentLineStatus.RESCHEDULED ? -1 : event.sequence();
        jdbc.update("""
                insert into trajectory_payment_line (trajectory_id, line_id, funder, type, amount, due_date,
                    due_sequence, status, status_sequence, paid_on)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (trajectory_id, line_id) do update set
                    type = coalesce(trajectory_payment_line.type, excluded.type),
                    amount = coalesce(trajectory_payment_line.amount, excluded.amount),
                    due_date = case when excluded.due_sequence is not null and excluded.due_sequence
                        > coalesce(trajectory_payment_line.due_sequence, -1) then excluded.due_date
                        else trajectory_payment_line.due_date end,
                    due_sequence = greatest(trajectory_payment_line.due_sequence, excluded.due_sequence),
                    status = case when excluded.status_sequence > trajectory_payment_line.status_sequence
                        then excluded.status else trajectory_payment_line.status end,
                    status_sequence = greatest(trajectory_payment_line.status_sequence, excluded.status_sequence),
                    paid_on = coalesce(trajectory_payment_line.paid_on, excluded.paid_on)""",
                event.trajectoryId(), event.lineId(), event.funder().name(),
                event.type() == null ? null : event.type().name(), event.amount(), date(event.dueDate()),
                dueSequence, event.status().name(), statusSequence, date(event.paidOn()));
    }

    Optional<FundingDecisionView> decision(String trajectoryId) {
        return jdbc.query("select * from trajectory_funding_decision where trajectory_id = ?",
                (rs, i) -> decisionOf(rs), trajectoryId).stream().findFirst();
    }

    private static FundingDecisionView decisionOf(ResultSet rs) throws SQLException {
        String reason = rs.getString("reason_code");
        return new FundingDecisionView(Agency.valueOf(rs.getString("funder")),
                Decision.valueOf(rs.getString("decision")), local(rs.getDate("start_date")),
                rs.getDate("decided_on").toLocalDate(), reason == null ? null : FundingDecisionReason.valueOf(reason),
                rs.getString("covenant_version"));
    }

    List<PaymentLineView> lines(String trajectoryId) {
        return jdbc.query("""
                select * from trajectory_payment_line where trajectory_id = ?
                order by due_date nulls last, line_id""", (rs, i) -> {
            Date due = rs.getDate("due_date");
            String type = rs.getString("type");
            return new PaymentLineView(rs.getString("line_id"), Agency.valueOf(rs.getString("funder")),
                    type == null ? null : PaymentType.valueOf(type), rs.getBigDecimal("amount"),
                    due == null ? null : due.toLocalDate(), PaymentLineStatus.valueOf(rs.getString("status")),
                    local(rs.getDate("paid_on")));
        }, trajectoryId);
    }

    /**
     * The statement of a period by the funders' rule ({@link PaymentStatement}), from the lines they reported: a line
     * whose amount or due date has not arrived yet counts from when it has.
     */
    public PaymentStatement statement(StatementPeriod period) {
        LocalDate from = period.from();
        LocalDate to = period.to();
        List<PaymentStatement.Line> lines = jdbc.query("""
                select trajectory_id, funder, owed, paid, owed_by_end - paid_by_end outstanding from (
                    select trajectory_id, funder,
                        coalesce(sum(amount) filter (where status <> 'CANCELLED' and due_date between ? and ?), 0) owed,
                        coalesce(sum(amount) filter (where paid_on between ? and ?), 0) paid,
                        coalesce(sum(amount) filter (where status <> 'CANCELLED' and due_date <= ?), 0) owed_by_end,
                        coalesce(sum(amount) filter (where paid_on <= ?), 0) paid_by_end
                    from trajectory_payment_line group by trajectory_id, funder) money
                where owed <> 0 or paid <> 0 or owed_by_end <> paid_by_end
                order by trajectory_id, funder""",
                (rs, i) -> new PaymentStatement.Line(rs.getString("trajectory_id"), Agency.valueOf(rs.getString("funder")),
                        rs.getBigDecimal("owed"), rs.getBigDecimal("paid"), rs.getBigDecimal("outstanding")),
                Date.valueOf(from), Date.valueOf(to), Date.valueOf(from), Date.valueOf(to), Date.valueOf(to),
                Date.valueOf(to));
        return PaymentStatement.of(period, lines);
    }

    private static LocalDate local(Date date) {
        return date == null ? null : date.toLocalDate();
    }

    private static Date date(LocalDate date) {
        return date == null ? null : Date.valueOf(date);
    }
}
