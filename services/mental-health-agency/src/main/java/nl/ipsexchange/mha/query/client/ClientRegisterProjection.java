package nl.ipsexchange.mha.query.client;

import java.sql.Date;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.regex.Pattern;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import nl.ipsexchange.kernel.BenefitType;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.RuleViolationException;
import nl.ipsexchange.mha.command.client.ClientEvents.ClientRegisteredEvent;
import nl.ipsexchange.mha.command.client.ClientEvents.EmploymentInformationRecordedEvent;
import nl.ipsexchange.mha.command.client.ClientEvents.HealthInformationRecordedEvent;
import nl.ipsexchange.mha.query.client.ClientQueries.ClientSearchResult;
import nl.ipsexchange.mha.query.client.ClientQueries.FindClientHealthQuery;
import nl.ipsexchange.mha.query.client.ClientQueries.FindClientQuery;
import nl.ipsexchange.mha.query.client.ClientQueries.FindClientRegisteredQuery;
import nl.ipsexchange.mha.query.client.ClientQueries.FindClientsQuery;
import nl.ipsexchange.mha.query.client.ClientQueries.SearchClientsQuery;

/**
 * The client register: one row per client, written in the same transaction as the event (a subscribing
 * processor), so that a citizen service number registered twice is refused by the unique constraint even
 * under concurrent requests. Each row remembers the event that produced it.
 */
@Component
@ProcessingGroup(ClientRegisterProjection.PROCESSING_GROUP)
public class ClientRegisterProjection {

    public static final String PROCESSING_GROUP = "client-register";

    private static final String SELECT = """
            select r.*, e.job_preferences, e.employment, e.disclosure_to_employer
            from client_register r left join client_employment e on e.client_id = r.client_id
            """;

    private static final Pattern ACCENTS = Pattern.compile("\\p{M}+");

    private final JdbcTemplate jdbc;
    private final RegisterSealing sealing;
    private final RowMapper<ClientView> rows;

    public ClientRegisterProjection(JdbcTemplate jdbc, RegisterSealing sealing) {
        this.jdbc = jdbc;
        this.sealing = sealing;
        this.rows = (rs, i) -> {
            String clientId = rs.getString("client_id");
            String sealed = rs.getString("identification");
            // a row an earlier version stored in the clear reads as it is until it is sealed at start
            RegisterSealing.Identification identification = sealed == null
                    ? RegisterSealing.Identification.of(rs.getString("name"), rs.getString("bsn"),
                            rs.getObject("date_of_birth", LocalDate.class), rs.getString("municipality"))
                    : sealing.openIdentification(clientId, sealed)
                            .orElse(new RegisterSealing.Identification(null, null, null, null));
            String employment = rs.getString("employment");
            String jobPreferences = employment == null ? rs.getString("job_preferences")
                    : sealing.openJobPreferences(clientId, employment).orElse(null);
            return new ClientView(clientId, identification.name(), identification.bsn(),
                    identification.birthDate(), BenefitType.valueOf(rs.getString("benefit")),
                    identification.municipality(), rs.getDate("registered_on").toLocalDate(), jobPreferences,
                    (Boolean) rs.getObject("disclosure_to_employer"));
        };
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
                        (client_id, identification, bsn_index, benefit, registered_on, last_event_id)
                    values (?, ?, ?, ?, ?, ?)
                    on conflict (client_id) do nothing""",
                    event.clientId(), sealing.seal(event.clientId(), RegisterSealing.Identification.of(event.name(),
                            event.bsn(), event.dateOfBirth(), event.municipality())),
                    sealing.bsnIndex(event.bsn()), event.benefit().name(), Date.valueOf(event.registeredOn()),
                    eventId);
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
                insert into client_employment (client_id, employment, disclosure_to_employer, last_event_id)
                values (?, ?, ?, ?)
                on conflict (client_id) do update set employment = excluded.employment, job_preferences = null,
                    disclosure_to_employer = excluded.disclosure_to_employer, last_event_id = excluded.last_event_id""",
                event.clientId(), sealing.sealJobPreferences(event.clientId(), event.jobPreferences()),
                event.disclosureToEmployer(), eventId);
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
        return first(jdbc.query(SELECT + "where r.client_id = ?", rows, query.clientId()));
    }

    /**
     * Keyset paging in the order of registration (issue 33): the page after a client starts at its place
     * {@code (registered_on, client_id)}, served by an index, so a page deep in the register costs what the first
     * costs. One row more than the page is read to know whether more follow. Names are sealed: the database
     * cannot order by them.
     */
    @QueryHandler
    public ClientSearchResult handle(FindClientsQuery query) {
        List<ClientView> page = query.after() == null
                ? jdbc.query(SELECT + "order by r.registered_on, r.client_id limit ?", rows, query.limit() + 1)
                : jdbc.query(SELECT + """
                        where (r.registered_on, r.client_id) > (select registered_on, client_id from client_register
                                                                where client_id = ?)
                        order by r.registered_on, r.client_id limit ?""", rows, query.after(), query.limit() + 1);
        boolean more = page.size() > query.limit();
        return new ClientSearchResult(more ? List.copyOf(page.subList(0, query.limit())) : page, more);
    }

    /**
     * A search of the register. Names and dates of birth are sealed, so the register opens each row and compares
     * what it opened (ADR 0050); a citizen service number is found by its keyed hash alone. Every matching row is
     * counted, so that the answer says when there were more than it holds.
     */
    @QueryHandler
    public ClientSearchResult handle(SearchClientsQuery query) {
        List<String> words = query.name() == null ? List.of() : Arrays.stream(plain(query.name()).split(" "))
                .filter(word -> !word.isEmpty()).toList();
        // without a criterion, the newest registrations first: the clients someone is working on now
        boolean everyone = words.isEmpty() && query.dateOfBirth() == null && query.bsn() == null;
        Comparator<ClientView> byName = Comparator.comparing(ClientView::name).thenComparing(ClientView::clientId);
        Comparator<ClientView> order = everyone
                ? Comparator.comparing(ClientView::registeredOn).reversed().thenComparing(byName) : byName;
        // the first in that order, never more than the limit held at once; the rest only counted
        PriorityQueue<ClientView> found = new PriorityQueue<>(order.reversed());
        int[] matches = {0};
        RowCallbackHandler match = rs -> {
            ClientView client = rows.mapRow(rs, 0);
            if (client.name() == null) {
                return;
            }
            String name = plain(client.name());
            if (words.stream().allMatch(name::contains)
                    && (query.dateOfBirth() == null || query.dateOfBirth().equals(client.dateOfBirth()))) {
                matches[0]++;
                found.add(client);
                if (found.size() > query.limit()) {
                    found.poll();
                }
            }
        };
        if (query.bsn() != null) {
            jdbc.query(SELECT + "where r.bsn_index = ? or r.bsn = ?", match, sealing.bsnIndex(query.bsn()),
                    query.bsn());
        } else {
            jdbc.query(SELECT, match);
        }
        List<ClientView> first = new ArrayList<>(found);
        first.sort(order);
        return new ClientSearchResult(List.copyOf(first), matches[0] > query.limit());
    }

    /** A name as it is compared in a search: lower case, without accents, single spaces. */
    static String plain(String name) {
        return ACCENTS.matcher(Normalizer.normalize(name, Normalizer.Form.NFD)).replaceAll("")
                .toLowerCase(Locale.ROOT).trim().replaceAll("\\s+", " ");
    }

    private static Optional<ClientView> first(List<ClientView> rows) {
        return rows.stream().findFirst();
    }
}
