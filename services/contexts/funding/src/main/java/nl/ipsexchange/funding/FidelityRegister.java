package nl.ipsexchange.funding;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import nl.ipsexchange.kernel.fidelity.FidelityBand;
import nl.ipsexchange.kernel.fidelity.FidelityReviewedEvent;
import nl.ipsexchange.kernel.messaging.EventEnvelope;
import nl.ipsexchange.platform.messaging.IntegrationEventHandler;

/** At a funder: the fidelity reviews of the IPS teams, received from the mental health agency. */
public class FidelityRegister implements IntegrationEventHandler<FidelityReviewedEvent> {

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
                insert into fidelity_register (review_id, team, review_date, total, band, independent, last_event_id)
                values (?, ?, ?, ?, ?, ?, ?) on conflict (review_id) do nothing""",
                event.reviewId(), event.team(), Date.valueOf(event.reviewDate()), event.total(), event.band().name(),
                event.independent(), envelope.eventId());
    }

    /** The provider's most recent review of any of its teams (by review date), if any. */
    public Optional<LatestReview> latestOverall() {
        List<LatestReview> rows = jdbc.query(
                "select * from fidelity_register order by review_date desc, review_id desc limit 1", ROWS);
        return rows.stream().findFirst();
    }

    /** The most recent review of the team (by review date), if any. */
    public Optional<LatestReview> latest(String team) {
        List<LatestReview> rows = jdbc.query("""
                select * from fidelity_register where team = ? order by review_date desc, review_id desc limit 1""",
                ROWS, team);
        return rows.stream().findFirst();
    }
}
