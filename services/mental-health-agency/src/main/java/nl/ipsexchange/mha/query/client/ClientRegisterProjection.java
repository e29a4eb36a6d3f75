package nl.ipsexchange.mha.query.client;

import java.sql.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import nl.ipsexchange.kernel.BenefitType;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.RuleViolationException;
import nl.ipsexchange.mha.command.client.ClientRegisteredEvent;
import nl.ipsexchange.mha.command.client.EmploymentInformationRecordedEvent;
import nl.ipsexchange.mha.command.client.HealthInformationRecordedEvent;

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
            rs.getString("municipality"), rs.getDate("registered_on").toLocalDate(),
            rs.getString("job_preferences"), (Boolean) rs.getObject("disclosure_to_employer"));

    private static final String SELECT = """
            select r.*, e.job_preferences, e.disclosure_to_employer
            from client_register r left join client_employment e on e.client_id = r.client_id
            """;

    private final JdbcTemplate jdbc;

    public ClientRegisterProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Adds the client to the register, or refuses the registration (409, and nothing is stored) when the citizen
     * service number is registered already. The row of a client id seen before is left as it is, so the only
     * constraint an insert can break is the one on the citizen service number. The refusal names neither the number
     * nor the client who holds it.
     */
    @EventHandler
    void on(ClientRegisteredEvent event, @MessageIdentifier String eventId) {
        try {
            jdbc.update("""
                    insert into client_register
                        (client_id, name, bsn, date_of_birth, benefit, municipality, registered_on, last_event_id)
                    values (?, ?, ?, ?, ?, ?, ?, ?)
                    on conflict (client_id) do nothing""",
                    event.clientId(), event.name(), event.bsn(), Date.valueOf(event.dateOfBirth()),
                    event.benefit().name(), event.municipality(), Date.valueOf(event.registeredOn()), eventId);
        } catch (DuplicateKeyException bsnTaken) {
            throw RuleViolationException.conflict("a client with this citizen service number is already registered");
        }
    }

    @EventHandler
    void on(HealthInformationRecordedEvent event, @MessageIdentifier String eventId) {
        jdbc.update("""
                insert into client_health (client_id, category, ciphertext, last_event_id) values (?, ?, ?, ?)
                on conflict (client_id, category) do update
                    set ciphertext = excluded.ciphertext, last_event_id = excluded.last_event_id""",
                event.clientId(), event.category().name(), event.encryptedText(), eventId);
    }

    @EventHandler
    void on(EmploymentInformationRecordedEvent event, @MessageIdentifier String eventId) {
        jdbc.update("""
                insert into client_employment (client_id, job_preferences, disclosure_to_employer, last_event_id)
                values (?, ?, ?, ?)
                on conflict (client_id) do update set job_preferences = excluded.job_preferences,
                    disclosure_to_employer = excluded.disclosure_to_employer, last_event_id = excluded.last_event_id""",
                event.clientId(), event.jobPreferences(), event.disclosureToEmployer(), eventId);
    }

    @QueryHandler
    public ClientHealthRecords handle(FindClientHealthQuery query) {
        Map<DataCategory, String> ciphertexts = new EnumMap<>(DataCategory.class);
        jdbc.query("select category, ciphertext from client_health where client_id = ?",
                rs -> {
                    ciphertexts.put(DataCategory.valueOf(rs.getString(1)), rs.getString(2));
                }, query.clientId());
        return new ClientHealthRecords(query.clientId(), ciphertexts);
    }

    @QueryHandler
    public Boolean handle(FindClientRegisteredQuery query) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from client_register where client_id = ?)", Boolean.class, query.clientId()));
    }

    @QueryHandler
    public Optional<ClientView> handle(FindClientQuery query) {
        return first(jdbc.query(SELECT + "where r.client_id = ?", ROWS, query.clientId()));
    }

    @QueryHandler
    public List<ClientView> handle(FindClientsQuery query) {
        return jdbc.query(SELECT + "order by r.name, r.client_id limit 1000", ROWS);
    }

    private static Optional<ClientView> first(List<ClientView> rows) {
        return rows.stream().findFirst();
    }
}
