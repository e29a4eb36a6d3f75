package nl.ipsexchange.mha.web;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.RuleViolationException;
import nl.ipsexchange.kernel.sharing.InformationRequestAnsweredEvent.Outcome;
import nl.ipsexchange.kernel.sharing.InformationRequestAnsweredEvent.Reason;
import nl.ipsexchange.mha.query.client.ClientDataReader;
import nl.ipsexchange.mha.query.client.ClientView;
import nl.ipsexchange.mha.query.inforequest.InformationRequestView;

/** The clinicians' page of information requests from other agencies, with a decision form for each open one. */
@Controller
public class InformationRequestsPage {

    /** The codes in plain words: what the requesting agency is told. */
    private static final Map<Reason, String> REASON_WORDS = Map.of(
            Reason.NOT_COVERED_BY_CONSENT, "the client's consent does not cover it",
            Reason.UNKNOWN_CLIENT, "no client with this id",
            Reason.NOT_NECESSARY_FOR_THE_PURPOSE, "not necessary for the purpose",
            Reason.CLIENT_OBJECTS, "the client objects",
            Reason.HARMFUL_TO_THE_CLIENT, "sharing would harm the client",
            Reason.NOT_AVAILABLE, "not available",
            Reason.OTHER, "other: please contact the clinician");

    private final InformationRequestController api;
    private final ClientDataReader clients;

    public InformationRequestsPage(InformationRequestController api, ClientDataReader clients) {
        this.api = api;
        this.clients = clients;
    }

    @GetMapping("/information-requests")
    @Staff
    public String page(Model model) {
        List<InformationRequestView> requests = api.list(true);
        Map<String, String> names = new HashMap<>();
        requests.forEach(r -> names.put(r.clientId(), clients.client(r.clientId()).map(ClientView::name)
                .orElse("(unknown)")));
        model.addAttribute("requests", requests);
        model.addAttribute("names", names);
        model.addAttribute("reasonCodes", Arrays.stream(Reason.values()).filter(Reason::isClinicians).toList());
        model.addAttribute("reasonWords", REASON_WORDS);
        return "mha/information-requests";
    }

    @PostMapping("/information-requests/{requestId}/decision")
    @Clinicians
    public String decide(@PathVariable UUID requestId,
                         @RequestParam InformationRequestController.Answer outcome,
                         @RequestParam(required = false) Set<DataCategory> categories,
                         @RequestParam(required = false) String reason,
                         @RequestParam(required = false) Reason reasonCode, RedirectAttributes redirect) {
        try {
            Outcome answered = api.decide(requestId, new InformationRequestController.DecisionRequest(outcome,
                    categories, reason, reasonCode)).outcome();
            redirect.addFlashAttribute("message", "Answered: " + answered);
        } catch (RuleViolationException refused) {
            redirect.addFlashAttribute("error", refused.getMessage());
        }
        return "redirect:/information-requests";
    }
}
