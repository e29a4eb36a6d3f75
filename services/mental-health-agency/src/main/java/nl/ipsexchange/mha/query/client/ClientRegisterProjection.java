package nl.ipsexchange.mha.query.client;

import java.sql.Date;
import java.util.List;
import java.util.Optional;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import nl.ipsexchange.kernel.BenefitType;
import nl.ipsexchange.mha.command.client.ClientRegisteredEvent;

/**
 * The client register: one row per client, written in the same transaction as the event (a subscribing
 * processor), so that a citizen service number registered twice is refused by the unique constraint even
 * under concurrent requests. Each row remembers the event that produced it.
 */
@Component
@ProcessingGroup(ClientRegisterProjection.PROCESSING_GROUP)
public class ClientRegisterProjection {

    public static final String PROCESSING_GROUP = "client-register";

    private static final RowMapper<ClientView> ROWS = (rs, i) -> new ClientView(
            rs.getString("client_id"), rs.getString("name"), rs.getString("bsn"),
            rs.getDate("date_of_birth").toLocalDate(), BenefitType.valueOf(rs.getString("benefit")),
            rs.getString("municipality"), rs.getDate("registered_on").toLocalDate());

    private final JdbcTemplate jdbc;

    public ClientRegisterProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ClientRegisteredEvent event, @MessageIdentifier String eventId) {
        jdbc.update("""
                insert into client_register
                    (client_id, name, bsn, date_of_birth, benefit, municipality, registered_on, last_event_id)
                values (?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (client_id) do nothing""",
                event.clientId(), event.name(), event.bsn(), Date.valueOf(event.dateOfBirth()),
                event.benefit().name(), event.municipality(), Date.valueOf(event.registeredOn()), eventId);
    }

    @QueryHandler
    public Optional<ClientView> handle(FindClientQuery query) {
        return first(jdbc.query("select * from client_register where client_id = ?", ROWS, query.clientId()));
    }

    @QueryHandler
    public Optional<ClientView> handle(FindClientByBsnQuery query) {
        return first(jdbc.query("select * from client_register where bsn = ?", ROWS, query.bsn()));
    }

    private static Optional<ClientView> first(List<ClientView> rows) {
        return rows.stream().findFirst();
    }
}
