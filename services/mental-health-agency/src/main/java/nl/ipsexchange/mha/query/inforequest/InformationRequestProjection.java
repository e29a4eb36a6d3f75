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
import nl.ipsexchange.kernel.sharing.InformationRequestAnsweredEvent.Reason;
import nl.ipsexchange.mha.command.inforequest.InformationRequestEvents.InformationRequestDecidedEvent;
import nl.ipsexchange.mha.command.inforequest.InformationRequestEvents.InformationRequestReceivedEvent;
import nl.ipsexchange.platform.crypto.ClientDataCipher;
import nl.ipsexchange.mha.query.inforequest.InformationRequestQueries.FindInformationRequestsOfClientQuery;
import nl.ipsexchange.mha.query.inforequest.InformationRequestQueries.FindInformationRequestsQuery;

@Component
@ProcessingGroup("client-register")
public class InformationRequestProjection {

    private final JdbcTemplate jdbc;
    private final ClientDataCipher cipher;

    public InformationRequestProjection(JdbcTemplate jdbc, ClientDataCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
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
        // the clinician's words are free text about the client: stored sealed under the client's key (ADR 38)
        jdbc.update("""
                update information_request set outcome = ?, granted_categories = ?, reason = ?, reason_code = ?,
                    decided_by = ?, last_event_id = ? where request_id = ?""",
                event.outcome().name(), EnumCodes.join(event.grantedCategories()),
                cipher.sealText(event.clientId(), DataCategory.IDENTIFICATION, event.reason()),
                event.reasonCode() == null ? null : event.reasonCode().name(), event.decidedBy(), eventId,
                event.requestId());
    }

    @QueryHandler
    public List<InformationRequestView> handle(FindInformationRequestsQuery query) {
        return list((query.pendingOnly() ? " where outcome is null" : "") + " order by requested_at, request_id");
    }

    /** How many requests wait for an answer (the clinicians' work queue). */
    public long countOpen() {
        Long open = jdbc.queryForObject("select count(*) from information_request where outcome is null", Long.class);
        return open == null ? 0 : open;
    }

    @QueryHandler
    public List<InformationRequestView> handle(FindInformationRequestsOfClientQuery query) {
        return list(" where client_id = ? order by requested_at desc, request_id", query.clientId());
    }

    private List<InformationRequestView> list(String condition, Object... values) {
        return jdbc.query("select * from information_request" + condition, (rs, i) -> {
            String outcome = rs.getString("outcome");
            String granted = rs.getString("granted_categories");
            String code = rs.getString("reason_code");
            String clientId = rs.getString("client_id");
            return new InformationRequestView(rs.getString("request_id"), clientId,
                    Agency.valueOf(rs.getString("requesting_agency")), rs.getString("requested_by"),
                    rs.getString("role"), EnumCodes.split(rs.getString("categories"), DataCategory.class),
                    Purpose.valueOf(rs.getString("purpose")), rs.getTimestamp("requested_at").toInstant(),
                    outcome == null ? null : Outcome.valueOf(outcome),
                    granted == null ? null : EnumCodes.split(granted, DataCategory.class),
                    cipher.openText(clientId, DataCategory.IDENTIFICATION, rs.getString("reason")),
                    code == null ? null : Reason.valueOf(code));
        }, values);
    }
}
