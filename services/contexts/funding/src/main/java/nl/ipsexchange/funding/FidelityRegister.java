package nl.ipsexchange.funding;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import nl.ipsexchange.kernel.fidelity.FidelityBand;
import nl.ipsexchange.kernel.fidelity.FidelityReviewedEvent;
import nl.ipsexchange.kernel.messaging.EventEnvelope;
import nl.ipsexchange.platform.messaging.IntegrationEventHandler;

/**
 * At a funder: the fidelity reviews of the IPS teams, received from the mental health agency, each with when it was
 * recorded there (the envelope's time), and the team each funding application names (ADR 0045).
 */
public class FidelityRegister implements IntegrationEventHandler<FidelityReviewedEvent> {

    /** Newest first: by review date, then by when it was recorded (reviews received before that sort last). */
    private static final String NEWEST = "review_date desc, recorded_at desc nulls last, review_id desc";
    private static final String NEWEST_FIRST = " order by " + NEWEST;

    private static final RowMapper<LatestReview> ROWS = (rs, i) -> new LatestReview(
            rs.getString("review_id"), rs.getString("team"), rs.getDate("review_date").toLocalDate(),
            rs.getInt("total"), FidelityBand.valueOf(rs.getString("band")), rs.getBoolean("independent"));

    private final JdbcTemplate jdbc;

    public FidelityRegister(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The latest review of a team: its date, total, band and independence. */
    public record LatestReview(String reviewId, String team, LocalDate reviewDate, int total,
                               FidelityBand band, boolean independent) {
    }

    @Override
    public Class<FidelityReviewedEvent> eventType() {
        return FidelityReviewedEvent.class;
    }

    @Override
    public void handle(FidelityReviewedEvent event, EventEnvelope envelope) {
        jdbc.update("""
                insert into fidelity_register (review_id, team, review_date, total, band, independent, last_event_id,
                    recorded_at)
                values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (review_id) do nothing""",
                event.reviewId(), event.team(), Date.valueOf(event.reviewDate()), event.total(), event.band().name(),
                event.independent(), envelope.eventId(), Timestamp.from(envelope.occurredAt()));
    }


    /** The most recent review of the team (by review date, then recorded time), if any. */
    public Optional<LatestReview> latest(String team) {
        return jdbc.query("select * from fidelity_register where team = ?" + NEWEST_FIRST + " limit 1", ROWS, team)
                .stream().findFirst();
    }

    /** The newest review of every team, by team name. */
    public List<LatestReview> latestPerTeam() {
        return jdbc.query("select distinct on (team) * from fidelity_register order by team, " + NEWEST, ROWS);
    }

    /** Records the team a received application names; the first word stands (a redelivery changes nothing). */
    public void recordTeam(String applicationId, String team, UUID eventId) {
        jdbc.update("""
                insert into funding_application_team (application_id, team, last_event_id) values (?, ?, ?)
                on conflict (application_id) do nothing""", applicationId, team, eventId);
    }

    /** The team an application names; empty for one received before applications named a team. */
    public Optional<String> teamOf(String applicationId) {
        return jdbc.queryForList("select team from funding_application_team where application_id = ?", String.class,
                applicationId).stream().findFirst();
    }
}
