package nl.ipsexchange.mha.web;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import nl.ipsexchange.kernel.RuleViolationException;
import nl.ipsexchange.mha.command.client.RegisterClientCommand;
import nl.ipsexchange.mha.query.client.ClientView;
import nl.ipsexchange.mha.query.client.FindClientByBsnQuery;
import nl.ipsexchange.mha.query.client.FindClientQuery;
import nl.ipsexchange.platform.web.NotFoundException;

/** Registering and reading the mental health agency's clients. */
@RestController
@RequestMapping("/api/clients")
@Validated
@Tag(name = "clients", description = "The mental health agency's clients")
public class ClientController {

    static final String STAFF = "hasAnyRole('CLINICIAN', 'IPS_SPECIALIST')";

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final Clock clock;

    public ClientController(CommandGateway commands, QueryGateway queries, Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.clock = clock;
    }

    /** Answer of a registration: the new client's pseudonymous id. */
    public record ClientRegistered(String clientId) {
    }

    @PostMapping
    @PreAuthorize(STAFF)
    @Operation(summary = "Register a client; answers the new pseudonymous client id")
    public ResponseEntity<ClientRegistered> register(@Valid @RequestBody RegisterClientRequest request) {
        if (find(new FindClientByBsnQuery(request.bsn())).isPresent()) {
            throw RuleViolationException.conflict("a client with this citizen service number is already registered");
        }
        String clientId = UUID.randomUUID().toString();
        commands.sendAndWait(new RegisterClientCommand(clientId, request.name(), request.bsn(),
                request.dateOfBirth(), request.benefit(), request.municipality(), LocalDate.now(clock)));
        return ResponseEntity.created(URI.create("/api/clients/" + clientId)).body(new ClientRegistered(clientId));
    }

    @GetMapping("/{clientId}")
    @PreAuthorize(STAFF)
    @Operation(summary = "A client as the agency's own staff see it")
    public ClientView get(@PathVariable UUID clientId) {
        return find(new FindClientQuery(clientId.toString()))
                .orElseThrow(() -> new NotFoundException("no client " + clientId));
    }

    private Optional<ClientView> find(Object query) {
        return queries.query(query, ResponseTypes.optionalInstanceOf(ClientView.class)).join();
    }
}
