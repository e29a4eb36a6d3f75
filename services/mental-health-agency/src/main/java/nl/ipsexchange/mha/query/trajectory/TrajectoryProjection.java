package nl.ipsexchange.mha.query.trajectory;

import java.sql.Date;
import java.util.List;
import java.util.Optional;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.BenefitType;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.ClientReferredEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.EmployerContactRecordedEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.FundingApplicationRefusedEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.FundingAppliedEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.IntakeSessionRecordedEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.PlacementEndedEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.PlacementStartedEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.TrajectoryClosedEvent;

/** Trajectories and their placements, written in the command's transaction. Rows remember their last event. */
@Component
@ProcessingGroup("client-register")
public class TrajectoryProjection {

    private final JdbcTemplate jdbc;

    public TrajectoryProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ClientReferredEvent event, @MessageIdentifier String eventId) {
        jdbc.update("""
                insert into trajectory (trajectory_id, client_id, benefit, referred_on, job_preferences, last_event_id)
                values (?, ?, ?, ?, ?, ?) on conflict (trajectory_id) do nothing""",
                event.trajectoryId(), event.clientId(), event.benefit().name(), Date.valueOf(event.referredOn()),
                event.jobPreferences(), eventId);
    }

    @EventHandler
    void on(IntakeSessionRecordedEvent event, @MessageIdentifier String eventId) {
        jdbc.update("""
                update trajectory set intake_sessions = ?, intake_hours_billed = intake_hours_billed + ?,
                       last_event_id = ? where trajectory_id = ?""",
                event.sessionNumber(), event.billableHours(), eventId, event.trajectoryId());
    }

    @EventHandler
    void on(FundingAppliedEvent event, @MessageIdentifier String eventId) {
        jdbc.update("update trajectory set funder = ?, applied_on = ?, last_event_id = ? where trajectory_id = ?",
                event.funder().name(), Date.valueOf(event.appliedOn()), eventId, event.trajectoryId());
    }

    @EventHandler
    void on(FundingApplicationRefusedEvent event, @MessageIdentifier String eventId) {
        jdbc.update("update trajectory set funding_refusal = ?, last_event_id = ? where trajectory_id = ?",
                event.reason(), eventId, event.trajectoryId());
    }

    @EventHandler
    void on(EmployerContactRecordedEvent event, @MessageIdentifier String eventId) {
        jdbc.update("""
                update trajectory set first_employer_contact = least(coalesce(first_employer_contact, ?), ?),
                       last_event_id = ? where trajectory_id = ?""",
                Date.valueOf(event.date()), Date.valueOf(event.date()), eventId, event.trajectoryId());
    }

    @EventHandler
    void on(PlacementStartedEvent event, @MessageIdentifier String eventId) {
        jdbc.update("""
                insert into trajectory_placement (placement_id, trajectory_id, employer, job_title, competitive,
                    hours_per_week, monthly_gross_wage, start_date, last_event_id)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (placement_id) do nothing""",
                event.placementId(), event.trajectoryId(), event.employer(), event.jobTitle(), event.competitive(),
                event.hoursPerWeek(), event.monthlyGrossWage(), Date.valueOf(event.startDate()), eventId);
    }

    @EventHandler
    void on(PlacementEndedEvent event, @MessageIdentifier String eventId) {
        jdbc.update("""
                update trajectory_placement set end_date = ?, end_reason = ?, last_event_id = ?
                where placement_id = ?""", Date.valueOf(event.endDate()), event.reason(), eventId, event.placementId());
    }

    @EventHandler
    void on(TrajectoryClosedEvent event, @MessageIdentifier String eventId) {
        jdbc.update("""
                update trajectory set closed_on = ?, close_reason = ?, last_event_id = ? where trajectory_id = ?""",
                Date.valueOf(event.closedOn()), event.reason(), eventId, event.trajectoryId());
    }

    @QueryHandler
    public Optional<TrajectoryView> handle(FindTrajectoryQuery query) {
        return find("trajectory_id = ?", query.trajectoryId());
    }

    @QueryHandler
    public Optional<TrajectoryView> handle(FindOpenTrajectoryOfClientQuery query) {
        return find("client_id = ? and closed_on is null", query.clientId());
    }

    @QueryHandler
    public List<TrajectoryView> handle(FindOpenTrajectoriesQuery query) {
        return list("closed_on is null order by referred_on, trajectory_id");
    }

    private Optional<TrajectoryView> find(String where, String value) {
        return list(where, value).stream().findFirst();
    }

    private List<TrajectoryView> list(String where, Object... values) {
        return jdbc.query("select * from trajectory where " + where, (rs, i) -> {
            String id = rs.getString("trajectory_id");
            Date applied = rs.getDate("applied_on");
            Date contact = rs.getDate("first_employer_contact");
            Date closed = rs.getDate("closed_on");
            String funder = rs.getString("funder");
            return new TrajectoryView(id, rs.getString("client_id"), BenefitType.valueOf(rs.getString("benefit")),
                    funder == null ? null : Agency.valueOf(funder), rs.getDate("referred_on").toLocalDate(),
                    rs.getString("job_preferences"), rs.getInt("intake_sessions"),
                    rs.getBigDecimal("intake_hours_billed"), applied == null ? null : applied.toLocalDate(),
                    rs.getString("funding_refusal"), contact == null ? null : contact.toLocalDate(),
                    closed == null ? null : closed.toLocalDate(), placements(id));
        }, values);
    }

    private List<TrajectoryView.PlacementView> placements(String trajectoryId) {
        return jdbc.query("select * from trajectory_placement where trajectory_id = ? order by start_date",
                (rs, i) -> {
                    Date end = rs.getDate("end_date");
                    return new TrajectoryView.PlacementView(rs.getString("placement_id"), rs.getString("employer"),
                            rs.getString("job_title"), rs.getBoolean("competitive"),
                            rs.getBigDecimal("hours_per_week"), rs.getBigDecimal("monthly_gross_wage"),
                            rs.getDate("start_date").toLocalDate(), end == null ? null : end.toLocalDate());
                }, trajectoryId);
    }
}
