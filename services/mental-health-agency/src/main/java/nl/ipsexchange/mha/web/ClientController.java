package nl.ipsexchange.mha.web;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.mha.command.client.ClientCommands.RecordEmploymentInformationCommand;
import nl.ipsexchange.mha.command.client.ClientCommands.RecordHealthInformationCommand;
import nl.ipsexchange.mha.command.client.ClientCommands.RegisterClientCommand;
import nl.ipsexchange.mha.query.client.ClientView;
import nl.ipsexchange.mha.query.client.ClientQueries.ClientSearchResult;
import nl.ipsexchange.mha.query.client.ClientQueries.FindClientQuery;
import nl.ipsexchange.mha.query.client.ClientQueries.FindClientRegisteredQuery;
import nl.ipsexchange.mha.query.client.ClientQueries.FindClientsQuery;
import nl.ipsexchange.platform.audit.ReadsHealthData;
import nl.ipsexchange.platform.crypto.ClientDataCipher;
import nl.ipsexchange.platform.security.CurrentUser;
import nl.ipsexchange.platform.web.BadRequestException;
import nl.ipsexchange.platform.web.ListPages;
import nl.ipsexchange.platform.web.NotFoundException;

/** Registering and reading the mental health agency's clients. */
@RestController
@RequestMapping("/api/clients")
@Validated
@Tag(name = "clients", description = "The mental health agency's clients")
public class ClientController {

    /** The most clients a page of the list holds (issue 33: the list used to stop silently at 1,000). */
    static final int PAGE = 500;

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final ClientReadService reads;
    private final ClientDataCipher cipher;
    private final Clock clock;

    public ClientController(CommandGateway commands, QueryGateway queries, ClientReadService reads,
                            ClientDataCipher cipher, Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.reads = reads;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** Answer of a registration: the new client's pseudonymous id. */
    public record ClientRegistered(String clientId) {
    }

    @PostMapping
    @Staff
    @Operation(summary = "Register a client; answers the new pseudonymous client id")
    public ResponseEntity<ClientRegistered> register(@Valid @RequestBody RegisterClientRequest request) {
        // a citizen service number registered before is refused in the command's own transaction, by the client
        // register's unique constraint (ClientRegisterProjection), so two requests at once cannot both pass
        String clientId = UUID.randomUUID().toString();
        commands.sendAndWait(new RegisterClientCommand(clientId, request.name(), request.bsn(),
                request.dateOfBirth(), request.benefit(), request.municipality(), LocalDate.now(clock)));
        return ResponseEntity.created(URI.create("/api/clients/" + clientId)).body(new ClientRegistered(clientId));
    }

    @GetMapping
    @Staff
    @Operation(summary = "The agency's clients (identification and benefit; no health data in lists), a page at a "
            + "time in the order they were registered: the first page by default; when more follow, a Link header "
            + "with rel=\"next\" gives the next page's address (after=<last client id shown>)")
    public ResponseEntity<List<ClientView>> list(@RequestParam(required = false) UUID after,
                                                 @RequestParam(defaultValue = "" + PAGE) @Min(1) @Max(PAGE)
                                                 int limit) {
        if (after != null && !queries.query(new FindClientRegisteredQuery(after.toString()), Boolean.class).join()) {
            throw new BadRequestException("after: is not a client of this agency");
        }
        ClientSearchResult page = queries.query(new FindClientsQuery(after == null ? null : after.toString(), limit),
                ClientSearchResult.class).join();
        return ListPages.answer(page.clients(), page.more(), "/api/clients", limit, ClientView::clientId);
    }

    @GetMapping("/{clientId}")
    @Staff
    @ReadsHealthData
    @Operation(summary = "A client as the agency's own staff see it; health categories by need to know (audited)")
    public ClientReadService.ClientDetails get(@PathVariable UUID clientId,
                                              @RequestParam(required = false) Purpose purpose) {
        return reads.read(clientId.toString(), purpose, CurrentUser.actor(), CurrentUser.role())
                .orElseThrow(() -> new NotFoundException("no client " + clientId));
    }

    /** The body of {@code PUT /api/clients/{clientId}/health/{category}}. */
    public record HealthText(
            @NotBlank(message = "is required") @Size(max = 10_000, message = "must be at most 10000 characters")
            String text) {
    }

    @PutMapping("/{clientId}/health/{category}")
    @Clinicians
    @Operation(summary = "Record the client's health information of one category (stored encrypted)")
    public ResponseEntity<Void> recordHealth(@PathVariable UUID clientId, @PathVariable DataCategory category,
                                             @Valid @RequestBody HealthText body) {
        if (!category.isHealthData()) {
            throw new BadRequestException("category: must be HEALTH_SUMMARY, DIAGNOSIS or TREATMENT");
        }
        requireClient(clientId);
        commands.sendAndWait(new RecordHealthInformationCommand(clientId.toString(), category,
                cipher.encrypt(clientId.toString(), body.text())));
        return ResponseEntity.noContent().build();
    }

    /** The body of {@code PUT /api/clients/{clientId}/employment}. */
    public record EmploymentInformation(
            @NotNull(message = "is required") @Size(max = 2000, message = "must be at most 2000 characters")
            String jobPreferences,
            @NotNull(message = "is required (the client's own choice)") Boolean disclosureToEmployer) {
    }

    @PutMapping("/{clientId}/employment")
    @Staff
    @Operation(summary = "Record the client's job preferences and disclosure choice towards employers")
    public ResponseEntity<Void> recordEmployment(@PathVariable UUID clientId,
                                                 @Valid @RequestBody EmploymentInformation body) {
        requireClient(clientId);
        commands.sendAndWait(new RecordEmploymentInformationCommand(clientId.toString(), body.jobPreferences(),
                body.disclosureToEmployer()));
        return ResponseEntity.noContent().build();
    }

    private void requireClient(UUID clientId) {
        if (find(new FindClientQuery(clientId.toString())).isEmpty()) {
            throw new NotFoundException("no client " + clientId);
        }
    }

    private Optional<ClientView> find(Object query) {
        return queries.query(query, ResponseTypes.optionalInstanceOf(ClientView.class)).join();
    }
}
