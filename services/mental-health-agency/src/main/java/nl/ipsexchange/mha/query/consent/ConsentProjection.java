package nl.ipsexchange.mha.query.consent;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

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
import nl.ipsexchange.kernel.consent.ConsentEffect;
import nl.ipsexchange.kernel.consent.ConsentTerms;
import nl.ipsexchange.mha.command.consent.ConsentEvents.ConsentExpiredEvent;
import nl.ipsexchange.mha.command.consent.ConsentEvents.ConsentGivenEvent;
import nl.ipsexchange.mha.command.consent.ConsentEvents.ConsentRevokedEvent;
import nl.ipsexchange.platform.crypto.ClientDataCipher;
import nl.ipsexchange.mha.query.consent.ConsentQueries.FindConsentsOfClientQuery;

/**
 * The clients' consents, written in the command's transaction (a subscribing processor, like the client register),
 * so that the consent gate never sends on a consent that was revoked a moment ago.
 */
@Component
@ProcessingGroup("client-register")
public class ConsentProjection {

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final ClientDataCipher cipher;

    public ConsentProjection(JdbcTemplate jdbc, Clock clock, ClientDataCipher cipher) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.cipher = cipher;
    }

    @EventHandler
    void on(ConsentGivenEvent event, @MessageIdentifier String eventId) {
        jdbc.update("""
                insert into consent (consent_id, client_id, effect, recipients, categories, purposes, valid_from,
                                     valid_until, last_event_id)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (consent_id) do nothing""",
                event.consentId(), event.clientId(), event.effect().name(), EnumCodes.join(event.recipients()),
                EnumCodes.join(event.categories()), EnumCodes.join(event.purposes()), Date.valueOf(event.validFrom()),
                Date.valueOf(event.validUntil()), eventId);
    }

    @EventHandler
    void on(ConsentRevokedEvent event, @MessageIdentifier String eventId) {
        // the reason is free text about the client: stored sealed under the client's key, like the register (ADR 38)
        end(event.consentId(), event.revokedAt(), "REVOKED",
                cipher.sealText(event.clientId(), DataCategory.IDENTIFICATION, event.reason()), eventId);
    }

    @EventHandler
    void on(ConsentExpiredEvent event, @MessageIdentifier String eventId) {
        end(event.consentId(), event.expiredAt(), "EXPIRED", null, eventId);
    }

    @QueryHandler
    public List<ConsentView> handle(FindConsentsOfClientQuery query) {
        Instant now = clock.instant();
        return jdbc.query("select * from consent where client_id = ? order by valid_from desc, consent_id",
                (rs, i) -> {
                    Timestamp ended = rs.getTimestamp("ended_at");
                    String reason = rs.getString("end_reason");
                    ConsentView view = new ConsentView(rs.getString("consent_id"), rs.getString("client_id"),
                            ConsentEffect.valueOf(rs.getString("effect")),
                            EnumCodes.split(rs.getString("recipients"), Agency.class),
                            EnumCodes.split(rs.getString("categories"), DataCategory.class),
                            EnumCodes.split(rs.getString("purposes"), Purpose.class),
                            rs.getDate("valid_from").toLocalDate(), rs.getDate("valid_until").toLocalDate(),
                            null, ended == null ? null : ended.toInstant(),
                            cipher.openText(rs.getString("client_id"), DataCategory.IDENTIFICATION,
                                    rs.getString("revoke_reason")));
                    return withStatus(view, reason, now);
                }, query.clientId());
    }

    private static ConsentView withStatus(ConsentView view, String endReason, Instant now) {
        ConsentTerms terms = view.terms();
        ConsentView.Status status;
        if ("REVOKED".equals(endReason)) {
            status = ConsentView.Status.REVOKED;
        } else if ("EXPIRED".equals(endReason) || !now.isBefore(terms.expiresAt())) {
            status = ConsentView.Status.EXPIRED;
        } else if (now.isBefore(terms.startsAt())) {
            status = ConsentView.Status.PENDING;
        } else {
            status = ConsentView.Status.ACTIVE;
        }
        return new ConsentView(view.consentId(), view.clientId(), view.effect(), view.recipients(), view.categories(),
                view.purposes(), view.validFrom(), view.validUntil(), status, view.endedAt(), view.revokeReason());
    }

    private void end(String consentId, Instant at, String reason, String revokeReason, String eventId) {
        jdbc.update("""
                update consent set ended_at = coalesce(ended_at, ?), end_reason = coalesce(end_reason, ?),
                       revoke_reason = coalesce(revoke_reason, ?), last_event_id = ?
                where consent_id = ?""", Timestamp.from(at), reason, revokeReason, eventId, consentId);
    }
}
