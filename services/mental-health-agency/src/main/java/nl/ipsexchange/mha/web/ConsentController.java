package nl.ipsexchange.mha.web;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import nl.ipsexchange.kernel.consent.ConsentEffect;
import nl.ipsexchange.mha.command.consent.ConsentCommands.GiveConsentCommand;
import nl.ipsexchange.mha.command.consent.ConsentCommands.RevokeConsentCommand;
import nl.ipsexchange.mha.query.client.ClientDataReader;
import nl.ipsexchange.mha.query.consent.ClientConsents;
import nl.ipsexchange.mha.query.consent.ConsentView;
import nl.ipsexchange.platform.web.BadRequestException;
import nl.ipsexchange.platform.web.NotFoundException;

/** The client's consents: give, see, revoke. */
@RestController
@RequestMapping("/api/clients/{clientId}/consents")
@Tag(name = "consents", description = "What the client agreed to share, with whom, for what, until when")
public class ConsentController {

    private final CommandGateway commands;
    private final ClientConsents consents;
    private final ClientDataReader clients;
    private final Clock clock;

    public ConsentController(CommandGateway commands, ClientConsents consents, ClientDataReader clients,
                             Clock clock) {
        this.commands = commands;
        this.consents = consents;
        this.clients = clients;
        this.clock = clock;
    }

    public record ConsentGiven(String consentId) {
    }

    public record RevokeRequest(@Size(max = 500, message = "must be at most 500 characters") String reason) {
    }

    public record ConsentRevoked(String consentId, ConsentView.Status status) {
    }

    @PostMapping
    @Staff
    @Operation(summary = "Record a consent the client gave")
    public ResponseEntity<ConsentGiven> give(@PathVariable UUID clientId,
                                             @Valid @RequestBody GiveConsentRequest request) {
        requireClient(clientId);
        if (request.validUntil().isBefore(request.validFrom())) {
            throw new BadRequestException("validUntil: must not be before validFrom");
        }
        String consentId = UUID.randomUUID().toString();
        commands.sendAndWait(new GiveConsentCommand(consentId, clientId.toString(),
                request.effect() == null ? ConsentEffect.PERMIT : request.effect(), request.recipients(),
                request.categories(), request.purposes(), request.validFrom(), request.validUntil(),
                LocalDate.now(clock)));
        return ResponseEntity.created(URI.create("/api/clients/" + clientId + "/consents/" + consentId))
                .body(new ConsentGiven(consentId));
    }

    @GetMapping
    @Staff
    @Operation(summary = "The client's consents with their current status")
    public List<ConsentView> list(@PathVariable UUID clientId) {
        requireClient(clientId);
        return consents.of(clientId.toString());
    }

    @PostMapping("/{consentId}/revoke")
    @Staff
    @Operation(summary = "Revoke a consent of this client: every recipient stops showing and erases the data")
    public ConsentRevoked revoke(@PathVariable UUID clientId, @PathVariable UUID consentId,
                                 @Valid @RequestBody(required = false) RevokeRequest request) {
        requireClient(clientId);
        boolean ours = consents.of(clientId.toString()).stream()
                .anyMatch(view -> view.consentId().equals(consentId.toString()));
        if (!ours) {
            throw new NotFoundException("this client has no consent " + consentId);
        }
        commands.sendAndWait(new RevokeConsentCommand(consentId.toString(), clientId.toString(),
                request == null ? null : request.reason(), clock.instant()));
        return new ConsentRevoked(consentId.toString(), ConsentView.Status.REVOKED);
    }

    private void requireClient(UUID clientId) {
        if (clients.client(clientId.toString()).isEmpty()) {
            throw new NotFoundException("no client " + clientId);
        }
    }
}
