package nl.ipsexchange.sharing;

import java.sql.Date;
import java.sql.Timestamp;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.EnumCodes;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.consent.ConsentEffect;
import nl.ipsexchange.kernel.consent.ConsentEndedEvent;
import nl.ipsexchange.kernel.consent.ConsentGrantedEvent;
import nl.ipsexchange.kernel.consent.ConsentTerms;

/** This agency's own replica of the client consents that concern it, checked at every receipt and every read. */
public class ConsentReplica {

    private final JdbcTemplate jdbc;
    private final Agency self;

    public ConsentReplica(JdbcTemplate jdbc, Agency self) {
        this.jdbc = jdbc;
        this.self = self;
    }

    public void granted(ConsentGrantedEvent event, UUID eventId) {
        jdbc.update("""
                insert into consent_replica (consent_id, client_id, effect, categories, purposes, valid_from,
                                             valid_until, last_event_id)
                values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (consent_id) do nothing""",
                event.consentId(), event.clientId(), event.effect().name(), EnumCodes.join(event.categories()),
                EnumCodes.join(event.purposes()), Date.valueOf(event.validFrom()), Date.valueOf(event.validUntil()), eventId);
    }

    /** @return whether the consent was known here */
    public boolean ended(ConsentEndedEvent event, UUID eventId) {
        return jdbc.update("""
                update consent_replica set ended_at = coalesce(ended_at, ?), end_reason = coalesce(end_reason, ?),
                       last_event_id = ?
                where consent_id = ? and client_id = ?""",
                Timestamp.from(event.endedAt()), event.reason().name(), eventId, event.consentId(),
                event.clientId()) > 0;
    }

    public List<ConsentTerms> consentsOf(String clientId) {
        return jdbc.query("select * from consent_replica where client_id = ?", rows(), clientId);
    }

    public boolean knows(String clientId) {
        return !consentsOf(clientId).isEmpty();
    }

    private RowMapper<ConsentTerms> rows() {
        return (rs, i) -> {
            Timestamp ended = rs.getTimestamp("ended_at");
            return new ConsentTerms(rs.getObject("consent_id", UUID.class), rs.getString("client_id"),
                    ConsentEffect.valueOf(rs.getString("effect")), Set.of(self),
                    EnumCodes.split(rs.getString("categories"), DataCategory.class),
                    EnumCodes.split(rs.getString("purposes"), Purpose.class),
                    rs.getDate("valid_from").toLocalDate(), rs.getDate("valid_until").toLocalDate(),
                    ended == null ? null : ended.toInstant());
        };
    }
}
