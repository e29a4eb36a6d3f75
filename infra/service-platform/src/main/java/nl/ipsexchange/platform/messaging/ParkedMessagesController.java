package nl.ipsexchange.platform.messaging;

import java.util.List;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import nl.ipsexchange.platform.security.Administrators;
import nl.ipsexchange.platform.security.CurrentUser;
import nl.ipsexchange.platform.web.ConflictException;
import nl.ipsexchange.platform.web.NotFoundException;

/** The administrator's view of inbound messages that could not be handled: see them, retry them, discard them. */
@RestController
@Tag(name = "administration", description = "Parked inbound messages (metadata only) and what became of them")
public class ParkedMessagesController {

    private final ParkedMessages parked;
    private final InboundMessageProcessor processor;

    public ParkedMessagesController(ParkedMessages parked, InboundMessageProcessor processor) {
        this.parked = parked;
        this.processor = processor;
    }

    public record DiscardRequest(@NotBlank(message = "is required")
                                 @Size(max = 500, message = "must be at most 500 characters") String reason) {
    }

    @GetMapping("/api/admin/parked-messages")
    @Administrators
    @Operation(summary = "Parked inbound messages, per client sequence in order (no content)")
    public List<ParkedMessages.ParkedMessage> list() {
        return parked.all();
    }

    @GetMapping("/api/admin/parked-messages/resolutions")
    @Administrators
    @Operation(summary = "What became of parked messages (retried, discarded with a reason, erased), newest first")
    public List<ParkedMessages.Resolution> resolutions() {
        return parked.resolutions();
    }

    @PostMapping("/api/admin/parked-messages/{eventId}/retry")
    @Administrators
    @Operation(summary = "Retry the sequence this message is parked in, oldest first, until it is empty or one "
            + "fails again; a message refused on receipt (not signed by its source) is never retried: 409")
    public InboundMessageProcessor.RetryResult retry(@PathVariable UUID eventId) {
        ParkedMessages.ParkedMessage message = parked.find(eventId)
                .orElseThrow(() -> new NotFoundException("no parked message " + eventId));
        if (message.refused()) {
            throw new ConflictException("message " + eventId + " was refused on receipt (not signed by the agency it "
                    + "names) and is never retried: discard it");
        }
        return processor.retryParked(message.sequenceKey(), CurrentUser.actor().userId());
    }

    @PostMapping(path = "/api/admin/parked-messages/{eventId}/discard", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Administrators
    @Operation(summary = "Discard one parked message for good, with a reason that is recorded")
    public ParkedMessages.Resolution discard(@PathVariable UUID eventId, @Valid @RequestBody DiscardRequest request) {
        return processor.discardParked(eventId, CurrentUser.actor().userId(), request.reason())
                .orElseThrow(() -> new NotFoundException("no parked message " + eventId));
    }
}
