package nl.ipsexchange.insurer;

import java.math.BigDecimal;
import java.sql.Date;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

import nl.ipsexchange.kernel.funding.FundingRules;
import nl.ipsexchange.kernel.funding.IntakeHoursBilledEvent;
import nl.ipsexchange.kernel.messaging.EventEnvelope;

/**
 * The insurer's intake lines: billable intake hours at the configured tariff, at most the covenant's maximum of
 * hours per client (checked here again), one line per consultation. The lines are a function of the consultations
 * received, not of their order (ADR 0047): each is kept as a fact, and the client's lines are computed from all of
 * them by date, so the maximum is reached by the earliest sessions however late an earlier one arrives. A redelivery
 * adds nothing.
 */
public class IntakeBilling {

    private final JdbcTemplate jdbc;
    private final FundingRules rules;

    public IntakeBilling(JdbcTemplate jdbc, FundingRules rules) {
        this.jdbc = jdbc;
        this.rules = rules;
    }

    public void bill(IntakeHoursBilledEvent event, EventEnvelope envelope) {
        String lineId = event.trajectoryId() + ":INTAKE:" + event.sessionNumber();
        jdbc.update("""
                insert into intake_session (line_id, trajectory_id, client_id, session_number, session_date,
                    billable_hours, event_id) values (?, ?, ?, ?, ?, ?, ?) on conflict (line_id) do nothing""",
                lineId, event.trajectoryId(), event.clientId(), event.sessionNumber(), Date.valueOf(event.date()),
                event.billableHours(), envelope.eventId().toString());
        allocate(event.clientId());
    }

    private record Session(String lineId, String trajectoryId, Date date, BigDecimal hours, String eventId) {
    }

    /** The client's lines from all their sessions, earliest first, up to the covenant's maximum. */
    private void allocate(String clientId) {
        List<Session> sessions = jdbc.query("""
                select line_id, trajectory_id, session_date, billable_hours, event_id from intake_session
                where client_id = ? order by session_date, trajectory_id, session_number for update""",
                (row, n) -> new Session(row.getString(1), row.getString(2), row.getDate(3), row.getBigDecimal(4),
                        row.getString(5)), clientId);
        BigDecimal left = rules.intakeMaxHours();
        for (Session session : sessions) {
            BigDecimal hours = session.hours().min(left.max(BigDecimal.ZERO));
            left = left.subtract(hours);
            if (hours.signum() <= 0) {
                // no part of the maximum is left for it: an intake line is owed, not paid, so it goes
                jdbc.update("delete from payment_line where line_id = ? and type = 'INTAKE'", session.lineId());
                continue;
            }
            jdbc.update("""
                    insert into payment_line (line_id, trajectory_id, client_id, type, amount, due_date, status, hours,
                        last_event_id) values (?, ?, ?, 'INTAKE', ?, ?, 'DUE', ?, ?)
                    on conflict (line_id) do update set amount = excluded.amount, hours = excluded.hours
                    where payment_line.hours is distinct from excluded.hours""",
                    session.lineId(), session.trajectoryId(), clientId, rules.intakeAmount(hours), session.date(),
                    hours, session.eventId());
        }
    }
}
