package nl.ipsexchange.mha.query.fidelity;

import java.sql.Date;
import java.util.List;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.ObjectMapper;

import nl.ipsexchange.kernel.fidelity.FidelityBand;
import nl.ipsexchange.mha.command.fidelity.FidelityReviewEvents.FidelityReviewRecordedEvent;
import nl.ipsexchange.mha.query.fidelity.FidelityReviewQueries.FindFidelityReviewsQuery;

/** The agency's fidelity reviews. */
@Component
@ProcessingGroup("client-register")
public class FidelityReviewProjection {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate jdbc;

    public FidelityReviewProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(FidelityReviewRecordedEvent event, @MessageIdentifier String eventId) throws Exception {
        jdbc.update("""
                insert into fidelity_review (review_id, team, review_date, reviewer, reviewer_organisation,
                    training_organisation, items, total, band, independent, last_event_id)
                values (?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, ?) on conflict (review_id) do nothing""",
                event.reviewId(), event.team(), Date.valueOf(event.reviewDate()), event.reviewer(),
                event.reviewerOrganisation(), event.trainingOrganisation(), JSON.writeValueAsString(event.items()),
                event.total(), event.band().name(), event.independent(), eventId);
    }

    @QueryHandler
    public List<FidelityReviewView> handle(FindFidelityReviewsQuery query) {
        return jdbc.query("""
                select * from fidelity_review where (cast(? as varchar) is null or team = ?)
                order by review_date desc, review_id""",
                (rs, i) -> new FidelityReviewView(rs.getString("review_id"), rs.getString("team"),
                        rs.getDate("review_date").toLocalDate(), rs.getString("reviewer"),
                        rs.getString("reviewer_organisation"), rs.getString("training_organisation"),
                        rs.getInt("total"), FidelityBand.valueOf(rs.getString("band")), rs.getBoolean("independent")),
                query.team(), query.team());
    }
}
