package nl.ipsexchange.insurer;

import java.math.BigDecimal;
import java.sql.Date;

import org.springframework.jdbc.core.JdbcTemplate;

import nl.ipsexchange.kernel.funding.FundingRules;
import nl.ipsexchange.kernel.funding.IntakeHoursBilledEvent;
import nl.ipsexchange.kernel.messaging.EventEnvelope;

/**
 * The insurer's intake lines: billable intake hours at the configured tariff, at most the covenant's maximum of
 * hours per client (checked here again), one line per consultation (a redelivery adds nothing).
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
        BigDecimal billed = jdbc.queryForObject(
                "select coalesce(sum(hours), 0) from payment_line where client_id = ? and type = 'INTAKE' "
                        + "and line_id <> ?", BigDecimal.class, event.clientId(), lineId);
        BigDecimal hours = event.billableHours().min(rules.intakeMaxHours().subtract(billed).max(BigDecimal.ZERO));
        if (hours.signum() <= 0) {
            return;
        }
        jdbc.update("""
                insert into payment_line (line_id, trajectory_id, client_id, type, amount, due_date, status, hours,
                    last_event_id) values (?, ?, ?, 'INTAKE', ?, ?, 'DUE', ?, ?) on conflict (line_id) do nothing""",
                lineId, event.trajectoryId(), event.clientId(), rules.intakeAmount(hours), Date.valueOf(event.date()),
                hours, envelope.eventId().toString());
    }
}
