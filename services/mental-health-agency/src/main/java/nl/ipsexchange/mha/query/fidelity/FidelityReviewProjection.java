package nl.ipsexchange.mha.query.fidelity;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import java.util.List;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import nl.ipsexchange.kernel.fidelity.FidelityBand;
import nl.ipsexchange.kernel.fidelity.FidelityItem;
import nl.ipsexchange.mha.command.fidelity.FidelityReviewEvents.FidelityReviewRecordedEvent;
import nl.ipsexchange.mha.query.fidelity.FidelityReviewQueries.FindFidelityReviewsQuery;
import nl.ipsexchange.mha.query.fidelity.FidelityReviewQueries.FindNewestReviewPerTeamQuery;

/** The agency's fidelity reviews. */
@Component
@ProcessingGroup("client-register")
public class FidelityReviewProjection {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate jdbc;

    public FidelityReviewProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** {@code recordedAt}: the event's own time, which orders reviews of the same day. */
    @EventHandler
    void on(FidelityReviewRecordedEvent event, @MessageIdentifier String eventId, @Timestamp Instant recordedAt)
            throws Exception {
        jdbc.update("""
                insert into fidelity_review (review_id, team, review_date, reviewer, reviewer_organisation,
                    training_organisation, items, total, band, independent, last_event_id, recorded_at,
                    provider_organisation)
                values (?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, ?, ?, ?) on conflict (review_id) do nothing""",
                event.reviewId(), event.team(), Date.valueOf(event.reviewDate()), event.reviewer(),
                event.reviewerOrganisation(), event.trainingOrganisation(), JSON.writeValueAsString(event.items()),
                event.total(), event.band().name(), event.independent(), eventId, recordedAt.atOffset(ZoneOffset.UTC),
                event.providerOrganisation());
    }

    @QueryHandler
    public List<FidelityReviewView> handle(FindFidelityReviewsQuery query) {
        return jdbc.query("""
                select * from fidelity_review where (cast(? as varchar) is null or team = ?)
                order by review_date desc, recorded_at desc nulls last, review_id""", FidelityReviewProjection::view,
                query.team(), query.team());
    }

    /** The newest review of each team (same-day reviews: the last recorded), by team name. */
    @QueryHandler
    public List<FidelityReviewView> handle(FindNewestReviewPerTeamQuery query) {
        return jdbc.query("""
                select distinct on (team) * from fidelity_review
                order by team, review_date desc, recorded_at desc nulls last, review_id""", FidelityReviewProjection::view);
    }

    private static FidelityReviewView view(ResultSet rs, int row) throws SQLException {
        OffsetDateTime recorded = rs.getObject("recorded_at", OffsetDateTime.class);
        Map<FidelityItem, Integer> items = new EnumMap<>(FidelityItem.class);
        try {
            JSON.readTree(rs.getString("items")).fields().forEachRemaining(item ->
                    items.put(FidelityItem.valueOf(item.getKey()), item.getValue().asInt()));
        } catch (JsonProcessingException unreadable) {
            throw new SQLException("the items of a fidelity review cannot be read", unreadable);
        }
        return new FidelityReviewView(rs.getString("review_id"), rs.getString("team"),
                rs.getDate("review_date").toLocalDate(), rs.getString("reviewer"),
                rs.getString("reviewer_organisation"), rs.getString("training_organisation"),
                rs.getInt("total"), FidelityBand.valueOf(rs.getString("band")), rs.getBoolean("independent"),
                recorded == null ? null : recorded.toInstant(), items);
    }
}
