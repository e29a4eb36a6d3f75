package nl.ipsexchange.insurer;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.funding.IntakeHoursBilledEvent;
import nl.ipsexchange.kernel.messaging.EnvelopeCodec;
import nl.ipsexchange.testsupport.Permutations;

/**
 * The insurer's intake lines are a function of the consultations, not of the order they arrive in (issue 29): the
 * same sessions of one client, over two trajectories and beyond the covenant's 8 hours, received in every order (and
 * one of them twice) give the same lines, the maximum reached by the earliest sessions. Against the real PostgreSQL
 * the insurer's lines are in; the inbox's consent check on receipt is {@link IntakeBillingTest}'s.
 */
@InsurerTest
class IntakeLinesInAnyOrderTest {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 2);

    @Autowired
    IntakeBilling billing;

    @Autowired
    JdbcTemplate jdbc;

    private final EnvelopeCodec codec = new EnvelopeCodec();

    private record Session(String trajectory, int number, int day, String hours) {
    }

    private static final List<Session> SESSIONS = List.of(
            new Session("A", 1, 0, "3"), new Session("A", 2, 14, "4"),
            new Session("B", 1, 7, "2.5"), new Session("A", 3, 21, "1.5"));

    @Test
    void theSameSessionsInAnyOrderGiveTheSameLinesTheEarliestFirstUpToTheMaximum() {
        Map<String, Map<String, String>> linesByOrder = new LinkedHashMap<>();
        for (List<Session> order : Permutations.of(SESSIONS)) {
            String client = UUID.randomUUID().toString();
            Map<String, String> trajectories = Map.of("A", UUID.randomUUID().toString(),
                    "B", UUID.randomUUID().toString());
            for (Session session : order) {
                receive(client, trajectories, session);
            }
            receive(client, trajectories, order.get(0)); // a redelivery adds nothing
            linesByOrder.put(order.toString(), lines(client, trajectories));
        }

        assertThat(linesByOrder).hasSize(24);
        assertThat(linesByOrder.values()).as("every order's lines").containsOnly(Map.of(
                "A:1", "3.00 h 285.00 due " + DAY,
                "B:1", "2.50 h 237.50 due " + DAY.plusDays(7),
                "A:2", "2.50 h 237.50 due " + DAY.plusDays(14)));
    }

    private void receive(String client, Map<String, String> trajectories, Session session) {
        IntakeHoursBilledEvent event = new IntakeHoursBilledEvent(trajectories.get(session.trajectory()), client,
                session.number(), DAY.plusDays(session.day()), new BigDecimal(session.hours()));
        billing.bill(event, codec.wrap(UUID.randomUUID(), Agency.MENTAL_HEALTH, Instant.now(), null, event));
    }

    /** The client's lines as "trajectory:session" to hours, amount and due date. */
    private Map<String, String> lines(String client, Map<String, String> trajectories) {
        Map<String, String> names = Map.of(trajectories.get("A"), "A", trajectories.get("B"), "B");
        Map<String, String> lines = new LinkedHashMap<>();
        jdbc.query("select line_id, trajectory_id, hours, amount, due_date from payment_line where client_id = ? "
                + "and type = 'INTAKE'", row -> {
                    String session = row.getString(1).substring(row.getString(1).lastIndexOf(':') + 1);
                    lines.put(names.get(row.getString(2)) + ":" + session, row.getBigDecimal(3) + " h "
                            + row.getBigDecimal(4) + " due " + row.getDate(5).toLocalDate());
                }, client);
        return lines;
    }
}
