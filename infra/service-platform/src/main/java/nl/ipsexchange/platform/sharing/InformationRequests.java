package nl.ipsexchange.platform.sharing;

import java.net.URI;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.EnumCodes;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.messaging.EnvelopeCodec;
import nl.ipsexchange.kernel.messaging.EventEnvelope;
import nl.ipsexchange.kernel.sharing.InformationRequestAnsweredEvent;
import nl.ipsexchange.kernel.sharing.InformationRequestAnsweredEvent.Reason;
import nl.ipsexchange.kernel.sharing.InformationRequestedEvent;
import nl.ipsexchange.platform.axon.AxonProcessingConfiguration;
import nl.ipsexchange.platform.messaging.IntegrationEventHandler;
import nl.ipsexchange.platform.messaging.IntegrationEventPublisher;
import nl.ipsexchange.platform.security.CurrentUser;

/**
 * A receiving agency asks the mental health agency for categories of a client's data for a purpose. The request is
 * stored in this service's event store and relayed from there (nothing is lost); the answer comes back on the inbox;
 * granted data follows as a consent-gated ClientDataShared message.
 */
@RestController
@ProcessingGroup(AxonProcessingConfiguration.INTEGRATION_PUBLISHER)
@Tag(name = "information requests", description = "Ask the mental health agency for a client's data")
public class InformationRequests implements IntegrationEventHandler<InformationRequestAnsweredEvent> {

    private final EventGateway events;
    private final IntegrationEventPublisher publisher;
    private final EnvelopeCodec codec;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Agency self;

    public InformationRequests(EventGateway events, IntegrationEventPublisher publisher, EnvelopeCodec codec,
                               JdbcTemplate jdbc, Clock clock, Agency self) {
        this.events = events;
        this.publisher = publisher;
        this.codec = codec;
        this.jdbc = jdbc;
        this.clock = clock;
        this.self = self;
    }

    public record InformationRequestBody(@NotNull(message = "is required") UUID clientId,
                                         @NotEmpty(message = "at least one category is required")
                                         Set<@NotNull DataCategory> categories,
                                         @NotNull(message = "is required") Purpose purpose) {
    }

    public record Requested(String requestId) {
    }

    /** A request sent and, once answered, its answer: the outcome and, unless all was granted, a coded reason. */
    public record SentRequest(String requestId, String clientId, Set<DataCategory> categories, Purpose purpose,
                             String requestedBy, Instant requestedAt, String outcome,
                             Set<DataCategory> grantedCategories, Reason reason) {
    }

    @PostMapping("/api/information-requests")
    @Caseworkers
    @Operation(summary = "Ask the mental health agency for categories of a client's data, for a purpose")
    @Transactional
    public ResponseEntity<Requested> request(@Valid @RequestBody InformationRequestBody body) {
        String requestId = UUID.randomUUID().toString();
        Instant now = clock.instant();
        String user = CurrentUser.actor().userId();
        InformationRequestedEvent requested = new InformationRequestedEvent(requestId, body.clientId().toString(),
                self, user, CurrentUser.actor().role(), Set.copyOf(body.categories()), body.purpose(), now);
        jdbc.update("""
                insert into information_request_sent (request_id, client_id, categories, purpose, requested_by,
                    requested_at, last_event_id) values (?, ?, ?, ?, ?, ?, ?)""",
                requestId, requested.clientId(), EnumCodes.join(requested.categories()), body.purpose().name(), user,
                Timestamp.from(now), requestId);
        events.publish(requested);
        return ResponseEntity.created(URI.create("/api/information-requests/" + requestId))
                .body(new Requested(requestId));
    }

    @GetMapping("/api/information-requests")
    @Caseworkers
    @Operation(summary = "The requests this agency sent, with their answers")
    public List<SentRequest> sent() {
        return jdbc.query("select * from information_request_sent order by requested_at desc", (rs, i) -> {
            String granted = rs.getString("granted_categories");
            String reason = rs.getString("reason");
            return new SentRequest(rs.getString("request_id"), rs.getString("client_id"),
                    EnumCodes.split(rs.getString("categories"), DataCategory.class),
                    Purpose.valueOf(rs.getString("purpose")), rs.getString("requested_by"),
                    rs.getTimestamp("requested_at").toInstant(), rs.getString("outcome"),
                    granted == null ? null : EnumCodes.split(granted, DataCategory.class),
                    reason == null ? null : Reason.valueOf(reason));
        });
    }

    /** Relays a request from this service's event store to the mental health agency. */
    @EventHandler
    public void on(InformationRequestedEvent requested, @MessageIdentifier String eventId) {
        String topic = Agency.MENTAL_HEALTH.inboxTopic();
        publisher.publish(topic, codec.wrap(IntegrationEventPublisher.eventIdFor(eventId, topic), self,
                requested.requestedAt(), null, requested));
    }

    @Override
    public Class<InformationRequestAnsweredEvent> eventType() {
        return InformationRequestAnsweredEvent.class;
    }

    @Override
    public void handle(InformationRequestAnsweredEvent answer, EventEnvelope envelope) {
        jdbc.update("""
                update information_request_sent set outcome = ?, granted_categories = ?, reason = ?, last_event_id = ?
                where request_id = ?""", answer.outcome().name(), EnumCodes.join(answer.grantedCategories()),
                answer.reason() == null ? null : answer.reason().name(), envelope.eventId().toString(),
                answer.requestId());
    }
}
