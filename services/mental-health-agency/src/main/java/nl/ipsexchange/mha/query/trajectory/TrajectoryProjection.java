package nl.ipsexchange.mha.query.trajectory;

import java.math.BigDecimal;
import java.sql.Date;
import java.util.List;
import java.util.Optional;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.BenefitType;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.mha.command.trajectory.IpsTeams;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.ClientReferredEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.EmployerContactRecordedEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.FundingApplicationRefusedEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.FundingAppliedEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.IntakeSessionRecordedEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.PlacementEndedEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.PlacementStartedEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.TrajectoryClosedEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.TrajectoryReassignedEvent;
import nl.ipsexchange.platform.crypto.ClientDataCipher;
import nl.ipsexchange.mha.query.trajectory.TrajectoryQueries.FindOpenTrajectoriesQuery;
import nl.ipsexchange.mha.query.trajectory.TrajectoryQueries.FindOpenTrajectoryOfClientQuery;
import nl.ipsexchange.mha.query.trajectory.TrajectoryQueries.FindTrajectoriesOfClientQuery;
import nl.ipsexchange.mha.query.trajectory.TrajectoryQueries.FindTrajectoryQuery;

/** Trajectories and their placements, written in the command's transaction. Rows remember their last event. */
@Component
@ProcessingGroup("client-register")
public class TrajectoryProjection {

    private final JdbcTemplate jdbc;
    private final ClientDataCipher cipher;
    private final IpsTeams teams;
    private final TrajectoryFundingProjection funding;

    public TrajectoryProjection(JdbcTemplate jdbc, ClientDataCipher cipher, IpsTeams teams,
                                TrajectoryFundingProjection funding) {
        this.teams = teams;
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.funding = funding;
    }

    /**
     * Seals the rows an earlier version stored in the clear (ADR 38), each only while it is still unsealed: rows read
     * as they are until then.
     */
    @EventListener(ApplicationStartedEvent.class)
    public void sealRowsInTheClear() {
        jdbc.query("select trajectory_id, client_id, job_preferences from trajectory where not sealed",
                (RowCallbackHandler) rs -> jdbc.update("update trajectory set job_preferences = ?, close_reason = "
                        + "null, sealed = true where trajectory_id = ? and not sealed",
                        seal(rs.getString(2), rs.getString(3)), rs.getString(1)));
        jdbc.query("""
                select p.placement_id, t.client_id, p.employer, p.job_title, p.monthly_gross_wage
                from trajectory_placement p join trajectory t on t.trajectory_id = p.trajectory_id
                where not p.sealed""", (RowCallbackHandler) rs -> jdbc.update("""
                        update trajectory_placement set employer = ?, job_title = ?, monthly_gross_wage = null,
                            monthly_gross_wage_sealed = ?, end_reason = null, sealed = true
                        where placement_id = ? and not sealed""", seal(rs.getString(2), rs.getString(3)),
                seal(rs.getString(2), rs.getString(4)), seal(rs.getString(2), rs.getBigDecimal(5).toPlainString()),
                rs.getString(1)));
    }

    private String seal(String clientId, String text) {
        return text == null ? null : cipher.encrypt(ClientDataCipher.keyId(clientId, DataCategory.EMPLOYMENT), text);
    }

    /** The text of a sealed column, or empty when the client's key has been destroyed; a row not yet sealed as is. */
    private String open(String clientId, String stored, boolean sealed) {
        if (stored == null || !sealed) {
            return stored;
        }
        return cipher.decrypt(ClientDataCipher.keyId(clientId, DataCategory.EMPLOYMENT), stored).orElse(null);
    }

    @EventHandler
    void on(ClientReferredEvent event, @MessageIdentifier String eventId) {
        jdbc.update("""
                insert into trajectory (trajectory_id, client_id, benefit, referred_on, job_preferences, sealed,
                    last_event_id, team, specialist)
                values (?, ?, ?, ?, ?, true, ?, ?, ?) on conflict (trajectory_id) do nothing""",
                event.trajectoryId(), event.clientId(), event.benefit().name(), Date.valueOf(event.referredOn()),
                seal(event.clientId(), event.jobPreferences()), eventId, event.team(), event.specialist());
    }

    @EventHandler
    void on(TrajectoryReassignedEvent event, @MessageIdentifier String eventId) {
        jdbc.update("update trajectory set team = ?, specialist = ?, last_event_id = ? where trajectory_id = ?",
                event.team(), event.specialist(), eventId, event.trajectoryId());
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
                    hours_per_week, monthly_gross_wage_sealed, start_date, sealed, last_event_id)
                values (?, ?, ?, ?, ?, ?, ?, ?, true, ?) on conflict (placement_id) do nothing""",
                event.placementId(), event.trajectoryId(), seal(event.clientId(), event.employer()),
                seal(event.clientId(), event.jobTitle()), event.competitive(), event.hoursPerWeek(),
                seal(event.clientId(), event.monthlyGrossWage().toPlainString()), Date.valueOf(event.startDate()),
                eventId);
    }

    @EventHandler
    void on(PlacementEndedEvent event, @MessageIdentifier String eventId) {
        jdbc.update("""
                update trajectory_placement set end_date = ?, last_event_id = ?
                where placement_id = ?""", Date.valueOf(event.endDate()), eventId, event.placementId());
    }

    @EventHandler
    void on(TrajectoryClosedEvent event, @MessageIdentifier String eventId) {
        jdbc.update("""
                update trajectory set closed_on = ?, last_event_id = ? where trajectory_id = ?""",
                Date.valueOf(event.closedOn()), eventId, event.trajectoryId());
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
    public List<TrajectoryView> handle(FindTrajectoriesOfClientQuery query) {
        return list("client_id = ? order by referred_on desc, trajectory_id", query.clientId());
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
            String clientId = rs.getString("client_id");
            boolean sealed = rs.getBoolean("sealed");
            Date applied = rs.getDate("applied_on");
            Date contact = rs.getDate("first_employer_contact");
            Date closed = rs.getDate("closed_on");
            String funder = rs.getString("funder");
            Optional<TrajectoryView.FundingDecisionView> decision = funding.decision(id);
            String refusal = rs.getString("funding_refusal");
            return new TrajectoryView(id, clientId, BenefitType.valueOf(rs.getString("benefit")),
                    funder == null ? null : Agency.valueOf(funder), rs.getDate("referred_on").toLocalDate(),
                    open(clientId, rs.getString("job_preferences"), sealed), rs.getInt("intake_sessions"),
                    rs.getBigDecimal("intake_hours_billed"), applied == null ? null : applied.toLocalDate(),
                    refusal, contact == null ? null : contact.toLocalDate(),
                    closed == null ? null : closed.toLocalDate(), placements(id, clientId),
                    teams.teamOf(rs.getString("team")), rs.getString("specialist"),
                    TrajectoryView.FundingStatus.of(applied == null ? null : applied.toLocalDate(), refusal,
                            decision.orElse(null)), decision.orElse(null), funding.lines(id));
        }, values);
    }

    private List<TrajectoryView.PlacementView> placements(String trajectoryId, String clientId) {
        return jdbc.query("select * from trajectory_placement where trajectory_id = ? order by start_date",
                (rs, i) -> {
                    Date end = rs.getDate("end_date");
                    boolean sealed = rs.getBoolean("sealed");
                    String wage = sealed ? open(clientId, rs.getString("monthly_gross_wage_sealed"), true)
                            : rs.getBigDecimal("monthly_gross_wage").toPlainString();
                    return new TrajectoryView.PlacementView(rs.getString("placement_id"),
                            open(clientId, rs.getString("employer"), sealed),
                            open(clientId, rs.getString("job_title"), sealed), rs.getBoolean("competitive"),
                            rs.getBigDecimal("hours_per_week"), wage == null ? null : new BigDecimal(wage),
                            rs.getDate("start_date").toLocalDate(), end == null ? null : end.toLocalDate());
                }, trajectoryId);
    }
}
