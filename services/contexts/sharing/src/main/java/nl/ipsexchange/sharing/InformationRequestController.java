package nl.ipsexchange.sharing;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.axonframework.eventhandling.gateway.EventGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.sharing.InformationRequestedEvent;
import nl.ipsexchange.platform.security.CurrentUser;
import nl.ipsexchange.platform.web.BadRequestException;
import nl.ipsexchange.platform.web.ListPages;
import nl.ipsexchange.sharing.SentInformationRequests.SentRequest;

/**
 * A receiving agency asks the mental health agency for categories of a client's data for a purpose. The request is
 * kept as sent ({@link SentInformationRequests}) and stored as an event in this service's event store, in one
 * transaction; {@link InformationRequestRelay} relays it from there (nothing is lost), the answer comes back on the
 * inbox ({@link InformationRequestAnswers}), granted data follows as a consent-gated ClientDataShared message.
 */
@RestController
@Tag(name = "information requests", description = "Ask the mental health agency for a client's data")
public class InformationRequestController {

    /** The most requests a page of the list holds (issue 33: the list had no bound). */
    static final int PAGE = 500;

    private final SentInformationRequests sent;
    private final EventGateway events;
    private final Clock clock;
    private final Agency self;

    public InformationRequestController(SentInformationRequests sent, EventGateway events, Clock clock,
                                        Agency self) {
        this.sent = sent;
        this.events = events;
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

    @PostMapping("/api/information-requests")
    @Caseworkers
    @Operation(summary = "Ask the mental health agency for categories of a client's data, for a purpose")
    @Transactional
    public ResponseEntity<Requested> request(@Valid @RequestBody InformationRequestBody body) {
        String requestId = UUID.randomUUID().toString();
        Instant now = clock.instant();
        InformationRequestedEvent requested = new InformationRequestedEvent(requestId, body.clientId().toString(),
                self, CurrentUser.actor().userId(), CurrentUser.actor().role(), Set.copyOf(body.categories()),
                body.purpose(), now);
        sent.record(requested);
        events.publish(requested);
        return ResponseEntity.created(URI.create("/api/information-requests/" + requestId))
                .body(new Requested(requestId));
    }

    @GetMapping("/api/information-requests")
    @Caseworkers
    @Operation(summary = "The requests this agency sent, with their answers, newest first, a page at a time: the "
            + "first page by default; when more follow, a Link header with rel=\"next\" gives the next page's address "
            + "(after=<last request id shown>)")
    public ResponseEntity<List<SentRequest>> sent(@RequestParam(required = false) UUID after,
                                                  @RequestParam(defaultValue = "" + PAGE) @Min(1) @Max(PAGE)
                                                  int limit) {
        if (after != null && !sent.exists(after.toString())) {
            throw new BadRequestException("after: is not a request this agency sent");
        }
        List<SentRequest> read = sent.newestFirst(after == null ? null : after.toString(), limit);
        boolean more = read.size() > limit;
        return ListPages.answer(more ? read.subList(0, limit) : read, more, "/api/information-requests", limit,
                SentRequest::requestId);
    }
}
