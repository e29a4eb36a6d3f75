package nl.ipsexchange.mha.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Validator;

import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.sharing.InformationRequestAnsweredEvent.Outcome;
import nl.ipsexchange.kernel.sharing.InformationRequestAnsweredEvent.Reason;
import nl.ipsexchange.mha.query.client.ClientDataReader;
import nl.ipsexchange.mha.query.client.ClientView;
import nl.ipsexchange.mha.query.inforequest.InformationRequestView;
import nl.ipsexchange.platform.web.FieldProblem;
import nl.ipsexchange.platform.web.NotFoundException;

/**
 * The clinicians' page of information requests from other agencies, with a decision form for each open one. An answer
 * cannot be taken back once sent: the form, checked by the API's request ({@link FormCheck}), first shows what will
 * be sent; only the post of that page's button ({@code confirmed=yes}) answers.
 */
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
    /** A clinician's answers as the form offers them; and each outcome as the page reports it. */
    private static final Map<InformationRequestController.Answer, String> ANSWER_WORDS = Map.of(
            InformationRequestController.Answer.GRANTED, "grant",
            InformationRequestController.Answer.PARTIALLY_GRANTED, "grant in part",
            InformationRequestController.Answer.DENIED, "deny");
    private static final Map<Outcome, String> OUTCOME_WORDS = Map.of(
            Outcome.GRANTED, "granted",
            Outcome.PARTIALLY_GRANTED, "granted in part",
            Outcome.DENIED, "denied",
            Outcome.CONSENT_REQUIRED, "consent required");

    /** One form per open request: ids {@code request-<id>-<field>}. */
    static final FormFields DECISION = FormFields.of("request")
            .choice("outcome", "Decision", "Choose grant, grant in part or deny")
            .choice("categories", "Information granted", "Choose the information granted")
            .choice("reasonCode", "Reason given to the agency", "Choose the reason given to the agency")
            .text("reason", "Your note");

    /** A decision as typed, and whether the user confirmed it on the next page. */
    public record DecisionForm(String outcome, List<String> categories, String reasonCode, String reason,
                               String confirmed) {

        static DecisionForm of(InformationRequestView request) {
            return new DecisionForm(InformationRequestController.Answer.GRANTED.name(),
                    request.categories().stream().map(Enum::name).toList(), "", "", null);
        }
    }

    private final InformationRequestController api;
    private final ClientDataReader clients;
    private final Validator validator;
    private final Words words;

    public InformationRequestsPage(InformationRequestController api, ClientDataReader clients, Validator validator,
                                   Words words) {
        this.api = api;
        this.clients = clients;
        this.validator = validator;
        this.words = words;
    }

    @GetMapping("/information-requests")
    @Staff
    public String page(Model model) {
        return show(model, null, null, List.of());
    }

    @PostMapping("/information-requests/{requestId}/decision")
    @Clinicians
    public String decide(@PathVariable UUID requestId, @ModelAttribute("decision") DecisionForm form, Model model,
                         HttpServletResponse response, RedirectAttributes redirect) {
        InformationRequestView pending = api.list(false).stream()
                .filter(view -> view.requestId().equals(requestId.toString())).findFirst().orElse(null);
        if (pending == null) {
            if (api.list(true).stream().noneMatch(view -> view.requestId().equals(requestId.toString()))) {
                throw new NotFoundException("no information request " + requestId);
            }
            return refused(model, response, new FormCheck.Refusal(HttpStatus.CONFLICT, answered()), null,
                    null);
        }
        FormCheck check = DECISION.forRow("request-" + requestId).check();
        InformationRequestController.DecisionRequest request = check.request(validator,
                new InformationRequestController.DecisionRequest(
                        check.choice("outcome", form.outcome(), InformationRequestController.Answer.class),
                        check.choices("categories", form.categories(), DataCategory.class),
                        FormCheck.text(form.reason()), check.choice("reasonCode", form.reasonCode(), Reason.class)));
        if (request == null) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return show(model, pending, form, check.problems());
        }
        if (!Confirmation.confirmed(form.confirmed())) {
            return confirm(pending, request, form, model);
        }
        Outcome answered;
        try {
            answered = api.decide(requestId, request).outcome();
        } catch (RuntimeException failed) {
            return refused(model, response, check.refused(failed, answered()), pending, form);
        }
        redirect.addFlashAttribute("message", "Answer sent to " + Words.agency(pending.requestingAgency()) + ": "
                + OUTCOME_WORDS.get(answered) + (answered == Outcome.CONSENT_REQUIRED
                ? " (the client's consent does not cover what you granted, so nothing was sent)." : "."));
        return "redirect:/information-requests";
    }

    private String confirm(InformationRequestView pending, InformationRequestController.DecisionRequest request,
                           DecisionForm form, Model model) {
        ClientView client = clients.client(pending.clientId()).orElse(null);
        String agency = Words.agency(pending.requestingAgency());
        InformationRequestController.Answer answer = request.outcome();
        Set<DataCategory> granted = answer == InformationRequestController.Answer.DENIED ? Set.of()
                : request.categories() == null || request.categories().isEmpty() ? pending.categories()
                : request.categories();
        List<Confirmation.Detail> details = new ArrayList<>();
        details.add(new Confirmation.Detail("From", agency + " (" + pending.requestedBy() + ")"));
        details.add(new Confirmation.Detail("Client", client == null ? "(unknown)" : client.name()));
        details.add(new Confirmation.Detail("Asks for", words.categories(pending.categories()) + ", for "
                + Words.purpose(pending.purpose())));
        details.add(new Confirmation.Detail("Your decision", ANSWER_WORDS.get(answer)
                + (granted.isEmpty() ? "" : ": " + words.categories(granted))));
        details.add(new Confirmation.Detail("The agency is told", answer == InformationRequestController.Answer.GRANTED
                ? "no reason: a full grant" : REASON_WORDS.get(request.reasonCode() == null ? Reason.OTHER
                : request.reasonCode())));
        details.add(new Confirmation.Detail("Your note", request.reason() == null || request.reason().isBlank()
                ? "none" : request.reason()));
        List<String> effects = new ArrayList<>();
        if (granted.isEmpty()) {
            effects.add(Words.capitalised(agency) + " is told that the request is denied, with the reason you chose; "
                    + "nothing of the client is sent.");
        } else {
            effects.add("Only the information granted is sent to " + agency + ", through the consent gate. If the "
                    + "client's consent does not cover it, the answer is \"consent required\" and nothing is sent.");
        }
        effects.add("Your note stays at this agency; it is not sent.");
        effects.add("An answer cannot be changed once it is sent.");
        List<Confirmation.Hidden> hidden = new ArrayList<>();
        hidden.add(new Confirmation.Hidden("outcome", form.outcome()));
        if (form.categories() != null) {
            form.categories().forEach(category -> hidden.add(new Confirmation.Hidden("categories", category)));
        }
        hidden.add(new Confirmation.Hidden("reasonCode", form.reasonCode() == null ? "" : form.reasonCode()));
        hidden.add(new Confirmation.Hidden("reason", form.reason() == null ? "" : form.reason()));
        model.addAttribute("problems", List.of());
        model.addAttribute("confirmation", new Confirmation("Send this answer to " + agency + "?",
                "/information-requests", "Information requests",
                client == null ? null : new Confirmation.Link(client.name(), "/clients/" + client.clientId()),
                details, effects, "/information-requests/" + pending.requestId() + "/decision", hidden, List.of(),
                "Send answer"));
        return "mha/confirm";
    }

    /** The page; the form of the request sent as typed, with its problems; every other form as new. */
    private String show(Model model, InformationRequestView sent, DecisionForm typed, List<FieldProblem> problems) {
        List<InformationRequestView> requests = api.list(true);
        Map<String, String> names = new HashMap<>();
        Map<String, DecisionForm> forms = new LinkedHashMap<>();
        Map<String, List<Option>> asked = new HashMap<>();
        for (InformationRequestView request : requests) {
            names.put(request.clientId(), clients.client(request.clientId()).map(ClientView::name)
                    .orElse("(unknown)"));
            if (request.outcome() == null) {
                boolean isSent = sent != null && sent.requestId().equals(request.requestId());
                forms.put(request.requestId(), isSent ? typed : DecisionForm.of(request));
                asked.put(request.requestId(), Option.of(EnumSet.copyOf(request.categories())));
            }
        }
        model.addAttribute("requests", requests);
        model.addAttribute("names", names);
        model.addAttribute("forms", forms);
        model.addAttribute("asked", asked);
        model.addAttribute("answers", Arrays.stream(InformationRequestController.Answer.values())
                .map(answer -> new Option(answer.name(), ANSWER_WORDS.get(answer))).toList());
        List<Option> reasons = new ArrayList<>();
        reasons.add(new Option("", "(none: full grant)"));
        Arrays.stream(Reason.values()).filter(Reason::isClinicians)
                .forEach(code -> reasons.add(new Option(code.name(), REASON_WORDS.get(code))));
        model.addAttribute("reasonCodes", reasons);
        model.addAttribute("reasonWords", REASON_WORDS);
        model.addAttribute("outcomeWords", OUTCOME_WORDS);
        model.addAttribute("problems", problems);
        return "mha/information-requests";
    }

    private String refused(Model model, HttpServletResponse response, FormCheck.Refusal refusal,
                           InformationRequestView sent, DecisionForm typed) {
        response.setStatus(refusal.status().value());
        return show(model, sent, typed, List.of(refusal.problem()));
    }

    private static FieldProblem answered() {
        return new FieldProblem("requests", "This request has already been answered");
    }
}
