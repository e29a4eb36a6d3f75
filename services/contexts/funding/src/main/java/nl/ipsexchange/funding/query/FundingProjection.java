package nl.ipsexchange.funding.query;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.jdbc.core.JdbcTemplate;

import nl.ipsexchange.funding.command.FundingEvents.CovenantTermsPinnedEvent;
import nl.ipsexchange.funding.command.FundingEvents.FundingApplicationReceivedEvent;
import nl.ipsexchange.funding.command.FundingEvents.FundingApprovalRefusedEvent;
import nl.ipsexchange.funding.command.FundingEvents.FundingApprovedEvent;
import nl.ipsexchange.funding.command.FundingEvents.FundingRejectedEvent;
import nl.ipsexchange.funding.command.FundingEvents.PaymentCancelledEvent;
import nl.ipsexchange.funding.command.FundingEvents.PaymentCorrectedEvent;
import nl.ipsexchange.funding.command.FundingEvents.PaymentFellDueEvent;
import nl.ipsexchange.funding.command.FundingEvents.PaymentRecordedEvent;
import nl.ipsexchange.funding.command.FundingEvents.PaymentRescheduledEvent;
import nl.ipsexchange.funding.command.FundingEvents.PaymentScheduledEvent;
import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.audit.AccessAction;
import nl.ipsexchange.kernel.audit.AccessRecordedEvent;
import nl.ipsexchange.kernel.funding.PaymentStatement;
import nl.ipsexchange.kernel.funding.PaymentType;
import nl.ipsexchange.kernel.funding.StatementPeriod;

/**
 * The funder's applications and payment schedules, written in the command's transaction (subscribing), so an
 * approval's answer already shows its schedule. Each row remembers the event that last changed it. What the mental
 * health agency sent about an application (benefit, dates) is erased from the rows when the receiver erases the
 * client's {@code BENEFITS} data (consent ended); the events read it back erased too, so a replay cannot restore it.
 * The payment lines are the funder's own accounting and stay.
 */
@ProcessingGroup(FundingProjection.PROCESSING_GROUP)
public class FundingProjection {

    public static final String PROCESSING_GROUP = "funding";

    private final JdbcTemplate jdbc;

    public FundingProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * An application as the funder lists it: pseudonymous client id, dates, status (benefit, dates null if erased),
     * and the covenant version its approval pinned (null until approved).
     */
    public record ApplicationView(String applicationId, String trajectoryId, String clientId, Agency funder,
                                  String benefit, LocalDate referredOn, LocalDate appliedOn, String status,
                                  LocalDate startDate, String reason, String covenantVersion, String team) {

        /** An application no approval pinned a covenant version for, naming no team. */
        public ApplicationView(String applicationId, String trajectoryId, String clientId, Agency funder,
                               String benefit, LocalDate referredOn, LocalDate appliedOn, String status,
                               LocalDate startDate, String reason) {
            this(applicationId, trajectoryId, clientId, funder, benefit, referredOn, appliedOn, status, startDate,
                    reason, null, null);
        }
    }

    /**
     * A payment line as the public API shows it: SCHEDULED, DUE, PAID (with its date and reference), CANCELLED, or
     * CORRECTED (paid, then corrected by the line that names it in {@code corrects}, its amount negative).
     */
    public record PaymentView(PaymentType type, BigDecimal amount, LocalDate dueDate, String status, String lineId,
                              LocalDate paidOn, String reference, String corrects) {
    }


    @EventHandler
    void on(FundingApplicationReceivedEvent event, @MessageIdentifier String eventId) {
        jdbc.update("""
                insert into funding_application (application_id, client_id, funder, benefit, referred_on, applied_on,
                    status, last_event_id) values (?, ?, ?, ?, ?, ?, 'RECEIVED', ?)
                on conflict (application_id) do nothing""",
                event.applicationId(), event.clientId(), event.funder().name(),
                event.benefit() == null ? null : event.benefit().name(), date(event.referredOn()),
                date(event.appliedOn()), eventId);
    }

    /** The receiver erased the client's benefits data (its consent ended): so is what the rows hold of it. */
    @EventHandler
    void on(AccessRecordedEvent event, @MessageIdentifier String eventId) {
        if (event.action() == AccessAction.ERASE && event.categories().contains(DataCategory.BENEFITS)) {
            jdbc.update("""
                    update funding_application set benefit = null, referred_on = null, applied_on = null,
                        last_event_id = ? where client_id = ?""", eventId, event.clientId());
        }
    }

    private static Date date(LocalDate date) {
        return date == null ? null : Date.valueOf(date);
    }

    @EventHandler
    void on(FundingApprovedEvent event, @MessageIdentifier String eventId) {
        jdbc.update("""
                update funding_application set status = 'APPROVED', start_date = ?, reason = null,
                    covenant_version = ?, last_event_id = ? where application_id = ?""",
                Date.valueOf(event.startDate()), event.terms() == null ? null : event.terms().covenantVersion(),
                eventId, event.applicationId());
    }

    @EventHandler
    void on(CovenantTermsPinnedEvent event, @MessageIdentifier String eventId) {
        jdbc.update("update funding_application set covenant_version = ?, last_event_id = ? where application_id = ?",
                event.terms().covenantVersion(), eventId, event.applicationId());
    }

    @EventHandler
    void on(FundingApprovalRefusedEvent event, @MessageIdentifier String eventId) {
        jdbc.update("update funding_application set reason = ?, last_event_id = ? where application_id = ?",
                event.reason(), eventId, event.applicationId());
    }

    @EventHandler
    void on(FundingRejectedEvent event, @MessageIdentifier String eventId) {
        jdbc.update("""
                update funding_application set status = 'REJECTED', reason = ?, last_event_id = ?
                where application_id = ?""", event.reason(), eventId, event.applicationId());
    }

    @EventHandler
    void on(PaymentScheduledEvent event, @MessageIdentifier String eventId) {
        jdbc.update("""
                insert into payment_line (line_id, trajectory_id, client_id, type, amount, due_date, status,
                    last_event_id) values (?, ?, ?, ?, ?, ?, 'SCHEDULED', ?) on conflict (line_id) do nothing""",
                event.lineId(), event.applicationId(), event.clientId(), event.type().name(), event.amount(),
                Date.valueOf(event.dueDate()), eventId);
    }

    @EventHandler
    void on(PaymentFellDueEvent event, @MessageIdentifier String eventId) {
        setStatus(event.lineId(), "DUE", eventId);
    }

    @EventHandler
    void on(PaymentCancelledEvent event, @MessageIdentifier String eventId) {
        setStatus(event.lineId(), "CANCELLED", eventId);
    }

    @EventHandler
    void on(PaymentRescheduledEvent event, @MessageIdentifier String eventId) {
        jdbc.update("update payment_line set due_date = ?, last_event_id = ? where line_id = ?",
                Date.valueOf(event.dueDate()), eventId, event.lineId());
    }

    @EventHandler
    void on(PaymentRecordedEvent event, @MessageIdentifier String eventId) {
        jdbc.update("""
                update payment_line set status = 'PAID', paid_on = ?, payment_reference = ?, last_event_id = ?
                where line_id = ?""", Date.valueOf(event.paidOn()), event.reference(), eventId, event.lineId());
    }

    @EventHandler
    void on(PaymentCorrectedEvent event, @MessageIdentifier String eventId) {
        jdbc.update("""
                insert into payment_line (line_id, trajectory_id, client_id, type, amount, due_date, status, corrects,
                    last_event_id) values (?, ?, ?, ?, ?, ?, 'DUE', ?, ?) on conflict (line_id) do nothing""",
                event.lineId(), event.applicationId(), event.clientId(), event.type().name(), event.amount(),
                Date.valueOf(event.dueDate()), event.correctedLineId(), eventId);
        setStatus(event.correctedLineId(), "CORRECTED", eventId);
    }

    private void setStatus(String lineId, String status, String eventId) {
        jdbc.update("update payment_line set status = ?, last_event_id = ? where line_id = ?", status, eventId,
                lineId);
    }

    /** The applications with the IPS team each names (ADR 45), newest first. */
    /** How many applications wait for a decision (the deciders' work queue). */
    public long countAwaitingDecision() {
        Long waiting = jdbc.queryForObject("select count(*) from funding_application where status = 'RECEIVED'",
                Long.class);
        return waiting == null ? 0 : waiting;
    }

    public List<ApplicationView> applications() {
        return jdbc.query(APPLICATIONS + " order by " + NEWEST_FIRST, FundingProjection::view);
    }

    /**
     * Newest applied first, at most {@code limit} applications and one more when more follow (the caller's sign that
     * they do), after the application {@code after} (from the newest when null): keyset paging on the order's key,
     * served by an index, so a page deep in the list costs what the first costs (issue 33).
     */
    public List<ApplicationView> applications(String after, int limit) {
        if (after == null) {
            return jdbc.query(APPLICATIONS + " order by " + NEWEST_FIRST + " limit ?", FundingProjection::view,
                    limit + 1);
        }
        return jdbc.query(APPLICATIONS + """
                , (select coalesce(applied_on, date '0001-01-01') as applied, application_id as id
                   from funding_application where application_id = ?) last
                where coalesce(a.applied_on, date '0001-01-01') < last.applied
                   or (coalesce(a.applied_on, date '0001-01-01') = last.applied and a.application_id > last.id)
                order by""" + " " + NEWEST_FIRST + " limit ?", FundingProjection::view, after, limit + 1);
    }

    /** The applications' order: newest applied first; one whose details were erased (no date) last. */
    private static final String NEWEST_FIRST = "coalesce(a.applied_on, date '0001-01-01') desc, a.application_id";

    /** One application, by its key. */
    public Optional<ApplicationView> application(String applicationId) {
        return jdbc.query(APPLICATIONS + " where a.application_id = ?", FundingProjection::view, applicationId)
                .stream().findFirst();
    }

    private static final String APPLICATIONS = """
            select a.*, t.team from funding_application a
            left join funding_application_team t on t.application_id = a.application_id""";

    private static ApplicationView view(ResultSet rs, int row) throws SQLException {
        return new ApplicationView(rs.getString("application_id"), rs.getString("application_id"),
                rs.getString("client_id"), Agency.valueOf(rs.getString("funder")), rs.getString("benefit"),
                local(rs.getDate("referred_on")), local(rs.getDate("applied_on")), rs.getString("status"),
                local(rs.getDate("start_date")), rs.getString("reason"), rs.getString("covenant_version"),
                rs.getString("team"));
    }

    private static LocalDate local(Date date) {
        return date == null ? null : date.toLocalDate();
    }

    public List<PaymentView> payments(String trajectoryId) {
        return jdbc.query("""
                select type, amount, due_date, status, line_id, paid_on, payment_reference, corrects from payment_line
                where trajectory_id = ? order by due_date, type, line_id""",
                (rs, i) -> new PaymentView(PaymentType.valueOf(rs.getString("type")), rs.getBigDecimal("amount"),
                        rs.getDate("due_date").toLocalDate(), rs.getString("status"), rs.getString("line_id"),
                        local(rs.getDate("paid_on")), rs.getString("payment_reference"), rs.getString("corrects")),
                trajectoryId);
    }

    /**
     * The money of each trajectory in a period by the statement's rule ({@link PaymentStatement}), with its funder
     * (none for the insurer's intake lines).
     */
    public PaymentStatement statement(StatementPeriod period) {
        LocalDate from = period.from();
        LocalDate to = period.to();
        List<PaymentStatement.Line> lines = jdbc.query("""
                select trajectory_id, funder, owed, paid, owed_by_end - paid_by_end outstanding from (
                    select line.trajectory_id, application.funder,
                        coalesce(sum(line.amount) filter (where line.status <> 'CANCELLED'
                            and line.due_date between ? and ?), 0) owed,
                        coalesce(sum(line.amount) filter (where line.paid_on between ? and ?), 0) paid,
                        coalesce(sum(line.amount) filter (where line.status <> 'CANCELLED'
                            and line.due_date <= ?), 0) owed_by_end,
                        coalesce(sum(line.amount) filter (where line.paid_on <= ?), 0) paid_by_end
                    from payment_line line
                    left join funding_application application on application.application_id = line.trajectory_id
                    group by line.trajectory_id, application.funder) money
                where owed <> 0 or paid <> 0 or owed_by_end <> paid_by_end
                order by trajectory_id""",
                (rs, i) -> new PaymentStatement.Line(rs.getString("trajectory_id"),
                        rs.getString("funder") == null ? null : Agency.valueOf(rs.getString("funder")),
                        rs.getBigDecimal("owed"), rs.getBigDecimal("paid"), rs.getBigDecimal("outstanding")),
                Date.valueOf(from), Date.valueOf(to), Date.valueOf(from), Date.valueOf(to), Date.valueOf(to),
                Date.valueOf(to));
        return PaymentStatement.of(period, lines);
    }
}
