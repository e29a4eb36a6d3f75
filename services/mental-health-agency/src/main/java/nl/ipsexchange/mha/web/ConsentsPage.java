package nl.ipsexchange.mha.web;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.mha.command.trajectory.IpsTeams;
import nl.ipsexchange.kernel.RuleViolationException;
import nl.ipsexchange.mha.query.client.ClientDataReader;
import nl.ipsexchange.mha.query.consent.ClientConsents;
import nl.ipsexchange.mha.query.trajectory.TrajectoryQueries.FindOpenTrajectoryOfClientQuery;
import nl.ipsexchange.mha.query.trajectory.TrajectoryView;
import nl.ipsexchange.platform.web.BadRequestException;
import nl.ipsexchange.platform.web.NotFoundException;

/** The consents page: see a client's consents, record a new one, revoke one. Uses the same commands as the API. */
@Controller
public class ConsentsPage extends ClientPages {

    private final IpsTeams teams;

    private final ConsentController api;
    private final ClientConsents consents;
    private final ClientDataReader clients;
    private final Clock clock;
    private final QueryGateway queries;

    public ConsentsPage(ConsentController api, ClientConsents consents, ClientDataReader clients, Clock clock,
                        IpsTeams teams, QueryGateway queries) {
        this.teams = teams;
        this.api = api;
        this.consents = consents;
        this.clients = clients;
        this.clock = clock;
        this.queries = queries;
    }

    @GetMapping("/clients/{clientId}/consents")
    @Staff
    public String page(@PathVariable UUID clientId, Model model) {
        model.addAttribute("client", clients.client(clientId.toString())
                .orElseThrow(() -> new NotFoundException("no client " + clientId)));
        model.addAttribute("consents", consents.of(clientId.toString()));
        model.addAttribute("agencies", List.of(Agency.BENEFITS, Agency.MUNICIPALITY, Agency.INSURER));
        model.addAttribute("categories", DataCategory.values());
        model.addAttribute("purposes", Purpose.values());
        model.addAttribute("today", LocalDate.now(clock));
        model.addAttribute("teams", teams.teams());
        model.addAttribute("defaultTeam", teams.teamOf(null));
        // the client's open trajectory and where its funding stands, the funder's decision included (ADR 46)
        Optional<TrajectoryView> trajectory = queries.query(new FindOpenTrajectoryOfClientQuery(clientId.toString()),
                ResponseTypes.optionalInstanceOf(TrajectoryView.class)).join();
        model.addAttribute("trajectory", trajectory.orElse(null));
        model.addAttribute("funding", trajectory.map(TrajectoryPage::fundingWords).orElse(null));
        return "mha/consents";
    }

    @PostMapping("/clients/{clientId}/consents")
    @Staff
    public String give(@PathVariable UUID clientId, @RequestParam(required = false) Set<Agency> recipients,
                       @RequestParam(required = false) Set<DataCategory> categories,
                       @RequestParam(required = false) Set<Purpose> purposes, @RequestParam LocalDate validFrom,
                       @RequestParam LocalDate validUntil, RedirectAttributes redirect) {
        try {
            if (recipients == null || categories == null || purposes == null) {
                throw RuleViolationException.invalid("choose at least one recipient, category and purpose");
            }
            api.give(clientId, new GiveConsentRequest(recipients, categories, purposes, validFrom, validUntil, null));
        } catch (RuleViolationException | BadRequestException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/clients/" + clientId + "/consents";
    }

    @PostMapping("/clients/{clientId}/consents/{consentId}/revoke")
    @Staff
    public String revoke(@PathVariable UUID clientId, @PathVariable UUID consentId,
                         @RequestParam(required = false) String reason) {
        api.revoke(clientId, consentId, new ConsentController.RevokeRequest(reason));
        return "redirect:/clients/" + clientId + "/consents";
    }
}
