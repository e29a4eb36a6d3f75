package nl.ipsexchange.mha.query.inforequest;

import java.sql.Timestamp;
import java.util.List;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.EnumCodes;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.sharing.InformationRequestAnsweredEvent.Outcome;
import nl.ipsexchange.mha.command.inforequest.InformationRequestMessages.InformationRequestDecidedEvent;
import nl.ipsexchange.mha.command.inforequest.InformationRequestMessages.InformationRequestReceivedEvent;

@Component
@ProcessingGroup("client-register")
public class InformationRequestProjection {

    private final JdbcTemplate jdbc;

    public InformationRequestProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(InformationRequestReceivedEvent event, @MessageIdentifier String eventId) {
        jdbc.update("""
                insert into information_request (request_id, client_id, requesting_agency, requested_by, role,
                    categories, purpose, requested_at, last_event_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (request_id) do nothing""",
                event.requestId(), event.clientId(), event.requestingAgency().name(), event.requestedBy(),
                event.role(), EnumCodes.join(event.categories()), event.purpose().name(),
                Timestamp.from(event.requestedAt()), eventId);
    }

    @EventHandler
    void on(InformationRequestDecidedEvent event, @MessageIdentifier String eventId) {
        jdbc.update("""
                update information_request set outcome = ?, granted_categories = ?, reason = ?, decided_by = ?,
                    last_event_id = ? where request_id = ?""",
                event.outcome().name(), EnumCodes.join(event.grantedCategories()), event.reason(), event.decidedBy(),
                eventId, event.requestId());
    }

    @QueryHandler
    public List<InformationRequestView> handle(FindInformationRequestsQuery query) {
        return jdbc.query("select * from information_request" + (query.pendingOnly() ? " where outcome is null" : "")
                + " order by requested_at, request_id", (rs, i) -> {
                    String outcome = rs.getString("outcome");
                    String granted = rs.getString("granted_categories");
                    return new InformationRequestView(rs.getString("request_id"), rs.getString("client_id"),
                            Agency.valueOf(rs.getString("requesting_agency")), rs.getString("requested_by"),
                            rs.getString("role"), EnumCodes.split(rs.getString("categories"), DataCategory.class),
                            Purpose.valueOf(rs.getString("purpose")), rs.getTimestamp("requested_at").toInstant(),
                            outcome == null ? null : Outcome.valueOf(outcome),
                            granted == null ? null : EnumCodes.split(granted, DataCategory.class),
                            rs.getString("reason"));
                });
    }
}
