package nl.ipsexchange.mha.web;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.consent.ConsentPolicy;
import nl.ipsexchange.kernel.sharing.InformationRequestAnsweredEvent.Outcome;
import nl.ipsexchange.kernel.sharing.InformationRequestAnsweredEvent.Reason;
import nl.ipsexchange.mha.command.inforequest.InformationRequestCommands.DecideInformationRequestCommand;
import nl.ipsexchange.mha.query.consent.ClientConsents;
import nl.ipsexchange.mha.query.inforequest.InformationRequestQueries.FindInformationRequestsQuery;
import nl.ipsexchange.mha.query.inforequest.InformationRequestView;
import nl.ipsexchange.platform.security.CurrentUser;
import nl.ipsexchange.platform.web.NotFoundException;

/** Information requests from other agencies and the clinicians' decisions on them. */
@RestController
@Tag(name = "information requests", description = "Other agencies ask; a clinician grants, grants in part or denies")
public class InformationRequestController {

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final ClientConsents consents;
    private final Clock clock;

    public InformationRequestController(CommandGateway commands, QueryGateway queries, ClientConsents consents,
                                        Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.consents = consents;
        this.clock = clock;
    }

    /**
     * What a clinician may answer: "consent required" is the service's answer to a grant beyond the consent, never a
     * clinician's, so it is not offered (an unknown value is refused naming these three).
     */
    public enum Answer {
        GRANTED, PARTIALLY_GRANTED, DENIED;

        Outcome outcome() {
            return Outcome.valueOf(name());
        }
    }

    /**
     * {@code reason}: the clinician's own words, kept at this agency; {@code reasonCode}: what the requesting agency
     * is told (OTHER when left out).
     */
    public record DecisionRequest(@NotNull(message = "is required (GRANTED, PARTIALLY_GRANTED or DENIED)")
                                  Answer outcome, Set<@NotNull DataCategory> categories,
                                  @Size(max = 500, message = "must be at most 500 characters") String reason,
                                  Reason reasonCode) {
    }

    public record Decision(String requestId, Outcome outcome) {
    }

    @GetMapping("/api/information-requests")
    @Staff
    @Operation(summary = "Requests from other agencies awaiting a decision (all=true: with the answered ones)")
    public List<InformationRequestView> list(@RequestParam(defaultValue = "false") boolean all) {
        return requests(!all);
    }

    @PostMapping("/api/information-requests/{requestId}/decision")
    @Clinicians
    @Operation(summary = "Grant, grant in part or deny with a reason (kept here) and a reason code (sent); beyond "
            + "the consent the answer is 'consent required'")
    public Decision decide(@PathVariable UUID requestId, @Valid @RequestBody DecisionRequest request) {
        InformationRequestView pending = requests(false).stream()
                .filter(view -> view.requestId().equals(requestId.toString())).findFirst()
                .orElseThrow(() -> new NotFoundException("no information request " + requestId));
        Set<DataCategory> covered = ConsentPolicy.permittedCategories(consents.termsOf(pending.clientId()),
                pending.requestingAgency(), pending.purpose(), clock.instant());
        Outcome outcome = commands.sendAndWait(new DecideInformationRequestCommand(requestId.toString(),
                request.outcome().outcome(), request.categories(), request.reason(), request.reasonCode(),
                CurrentUser.actor().userId(), covered));
        return new Decision(requestId.toString(), outcome);
    }

    private List<InformationRequestView> requests(boolean pendingOnly) {
        return queries.query(new FindInformationRequestsQuery(pendingOnly),
                ResponseTypes.multipleInstancesOf(InformationRequestView.class)).join();
    }
}
