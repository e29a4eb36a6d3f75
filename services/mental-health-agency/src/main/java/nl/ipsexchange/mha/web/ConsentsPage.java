package nl.ipsexchange.mha.web;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
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

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.mha.command.trajectory.IpsTeams;
import nl.ipsexchange.mha.query.client.ClientDataReader;
import nl.ipsexchange.mha.query.client.ClientView;
import nl.ipsexchange.mha.query.consent.ClientConsents;
import nl.ipsexchange.mha.query.consent.ConsentView;
import nl.ipsexchange.mha.query.trajectory.TrajectoryQueries.FindOpenTrajectoryOfClientQuery;
import nl.ipsexchange.mha.query.trajectory.TrajectoryView;
import nl.ipsexchange.platform.web.FieldProblem;
import nl.ipsexchange.platform.web.NotFoundException;

/**
 * The consents page: see a client's consents, record a new one, revoke one (after a confirmation), refer the client
 * to IPS. Each form is checked by the API's request and sent to the API's handler ({@link FormCheck}): every problem
 * at once in the page's words, the input kept; what was done is said at the top.
 */
@Controller
public class ConsentsPage extends ClientPages {

    static final FormFields GIVE = FormFields.of("give")
            .choice("recipients", "Share with", "Choose at least one agency to share with")
            .choice("categories", "Information", "Choose at least one kind of information to share")
            .choice("purposes", "Purposes", "Choose at least one purpose")
            .text("validFrom", "Valid from")
            .text("validUntil", "Valid until");
    static final FormFields REVOKE = FormFields.of("revoke").text("reason", "Reason");
    static final FormFields REFERRAL = FormFields.of("referral")
            .choice("wishesToWork", "The client wants competitive work", "Tick that the client wants to work")
            .text("jobPreferences", "Job preferences")
            .choice("team", "IPS team", "Choose the IPS team");

    /** The consent form as typed. */
    public record GiveForm(List<String> recipients, List<String> categories, List<String> purposes,
                           String validFrom, String validUntil) {

        static GiveForm empty(LocalDate today) {
            return new GiveForm(List.of(), List.of(), List.of(), today.toString(), "");
        }

        GiveConsentRequest request(FormCheck check, Validator validator) {
            return check.request(validator, new GiveConsentRequest(
                    check.choices("recipients", recipients, Agency.class),
                    check.choices("categories", categories, DataCategory.class),
                    check.choices("purposes", purposes, Purpose.class),
                    check.date("validFrom", validFrom), check.date("validUntil", validUntil), null));
        }
    }

    /** The revocation as typed on its confirmation page: the reason, and whether the user confirmed. */
    public record RevokeForm(String reason, String confirmed) {
    }

    /** The referral form as typed. */
    public record ReferralForm(String wishesToWork, String jobPreferences, String team) {

        static ReferralForm empty(String team) {
            return new ReferralForm(null, "", team);
        }
    }

    private final IpsTeams teams;
    private final ConsentController api;
    private final TrajectoryController trajectories;
    private final ClientConsents consents;
    private final ClientDataReader clients;
    private final Clock clock;
    private final QueryGateway queries;
    private final Validator validator;
    private final Words words;

    public ConsentsPage(ConsentController api, TrajectoryController trajectories, ClientConsents consents,
                        ClientDataReader clients, Clock clock, IpsTeams teams, QueryGateway queries,
                        Validator validator, Words words) {
        this.words = words;
        this.teams = teams;
        this.api = api;
        this.trajectories = trajectories;
        this.consents = consents;
        this.clients = clients;
        this.clock = clock;
        this.queries = queries;
        this.validator = validator;
    }

    @GetMapping("/clients/{clientId}/consents")
    @Staff
    public String page(@PathVariable UUID clientId, Model model) {
        return show(client(clientId), model, List.of());
    }

    @PostMapping("/clients/{clientId}/consents")
    @Staff
    public String give(@PathVariable UUID clientId, @ModelAttribute("give") GiveForm form, Model model,
                       HttpServletResponse response, RedirectAttributes redirect) {
        ClientView client = client(clientId);
        FormCheck check = GIVE.check();
        GiveConsentRequest request = form.request(check, validator);
        if (request == null) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return show(client, model, check.problems());
        }
        try {
            api.give(clientId, request);
        } catch (RuntimeException failed) {
            return refused(client, model, response, check.refused(failed, null));
        }
        redirect.addFlashAttribute("message", "Consent recorded: " + words.categories(request.categories())
                + " shared with " + words.agencies(request.recipients()) + " for " + words.purposes(request.purposes())
                + ", from " + request.validFrom() + " to " + request.validUntil() + ".");
        return "redirect:/clients/" + clientId + "/consents";
    }

    /**
     * Revoking cannot be undone: the first post shows what will happen and asks for the reason; only the post of
     * that page's button ({@code confirmed=yes}) revokes.
     */
    @PostMapping("/clients/{clientId}/consents/{consentId}/revoke")
    @Staff
    public String revoke(@PathVariable UUID clientId, @PathVariable UUID consentId,
                         @ModelAttribute("revoke") RevokeForm form, Model model, HttpServletResponse response,
                         RedirectAttributes redirect) {
        ClientView client = client(clientId);
        ConsentView consent = consents.of(clientId.toString()).stream()
                .filter(view -> view.consentId().equals(consentId.toString())).findFirst()
                .orElseThrow(() -> new NotFoundException("this client has no consent " + consentId));
        if (!revocable(consent)) {
            return refused(client, model, response, new FormCheck.Refusal(HttpStatus.CONFLICT, ended()));
        }
        FormCheck check = REVOKE.check();
        ConsentController.RevokeRequest request = check.request(validator,
                new ConsentController.RevokeRequest(FormCheck.text(form.reason())));
        if (request == null || !Confirmation.confirmed(form.confirmed())) {
            response.setStatus(request == null ? HttpStatus.BAD_REQUEST.value() : HttpStatus.OK.value());
            return confirmRevoke(client, consent, form, check.problems(), model);
        }
        try {
            api.revoke(clientId, consentId, request);
        } catch (RuntimeException failed) {
            return refused(client, model, response, check.refused(failed, ended()));
        }
        String recipients = words.agencies(consent.recipients());
        redirect.addFlashAttribute("message", "Consent revoked. " + Words.capitalised(recipients)
                + " will stop showing what was shared under it and erase it.");
        return "redirect:/clients/" + clientId + "/consents";
    }

    @PostMapping("/clients/{clientId}/referral")
    @Staff
    public String refer(@PathVariable UUID clientId, @ModelAttribute("referral") ReferralForm form, Model model,
                        HttpServletResponse response, RedirectAttributes redirect) {
        ClientView client = client(clientId);
        FormCheck check = REFERRAL.check();
        TrajectoryController.ReferralRequest request = check.request(validator,
                new TrajectoryController.ReferralRequest(clientId, FormCheck.ticked(form.wishesToWork()),
                        FormCheck.text(form.jobPreferences()), null, null, FormCheck.text(form.team())));
        if (request == null) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return show(client, model, check.problems());
        }
        String trajectoryId;
        try {
            trajectoryId = trajectories.refer(request).getBody().trajectoryId();
        } catch (RuntimeException failed) {
            return refused(client, model, response, check.refused(failed, new FieldProblem("open-trajectory",
                    "The client already has an open IPS trajectory: record its next steps there")));
        }
        redirect.addFlashAttribute("message", "Referred to " + teams.chosen(request.team()).name() + ".");
        return "redirect:/trajectories/" + trajectoryId;
    }

    private String confirmRevoke(ClientView client, ConsentView consent, RevokeForm form,
                                 List<FieldProblem> problems, Model model) {
        String recipients = words.agencies(consent.recipients());
        String back = "/clients/" + client.clientId() + "/consents";
        model.addAttribute("problems", problems);
        model.addAttribute("confirmation", new Confirmation("Revoke this consent?", back, "Consents",
                new Confirmation.Link(client.name(), "/clients/" + client.clientId()),
                List.of(new Confirmation.Detail("Shared with", recipients),
                        new Confirmation.Detail("Information", words.categories(consent.categories())),
                        new Confirmation.Detail("Purposes", words.purposes(consent.purposes())),
                        new Confirmation.Detail("Valid", consent.validFrom() + " to " + consent.validUntil())),
                List.of(Words.capitalised(recipients) + " will stop showing what was shared under this consent, "
                                + "and erase it.",
                        "Nothing more is shared under it. This cannot be undone: to share again, record a new "
                                + "consent the client gives."),
                back + "/" + consent.consentId() + "/revoke", List.of(),
                List.of(new Confirmation.Input(REVOKE.id("reason"), "reason", "Reason (optional)",
                        form.reason() == null ? "" : form.reason())),
                "Revoke consent"));
        return "mha/confirm";
    }

    /** The page, with the forms as typed (those the model holds) or empty, and the problems of the one sent. */
    private String show(ClientView client, Model model, List<FieldProblem> problems) {
        LocalDate today = LocalDate.now(clock);
        model.addAttribute("client", client);
        model.addAttribute("consents", consents.of(client.clientId()));
        model.addAttribute("recipients", Option.of(List.of(Agency.BENEFITS, Agency.MUNICIPALITY, Agency.INSURER)));
        model.addAttribute("categories", Option.of(List.of(DataCategory.values())));
        model.addAttribute("purposes", Option.of(List.of(Purpose.values())));
        model.addAttribute("teams", teams.teams().stream().map(team -> new Option(team.name(), team.name()))
                .toList());
        model.addAttribute("problems", problems);
        if (!model.containsAttribute("give")) {
            model.addAttribute("give", GiveForm.empty(today));
        }
        if (!model.containsAttribute("referral")) {
            model.addAttribute("referral", ReferralForm.empty(teams.teamOf(null)));
        }
        // the client's open trajectory and where its funding stands, the funder's decision included (ADR 46)
        Optional<TrajectoryView> trajectory = queries.query(new FindOpenTrajectoryOfClientQuery(client.clientId()),
                ResponseTypes.optionalInstanceOf(TrajectoryView.class)).join();
        model.addAttribute("trajectory", trajectory.orElse(null));
        model.addAttribute("funding", trajectory.map(TrajectoryPage::fundingWords).orElse(null));
        return "mha/consents";
    }

    private String refused(ClientView client, Model model, HttpServletResponse response,
                           FormCheck.Refusal refusal) {
        response.setStatus(refusal.status().value());
        return show(client, model, List.of(refusal.problem()));
    }

    private ClientView client(UUID clientId) {
        return clients.client(clientId.toString()).orElseThrow(() -> new NotFoundException("no client " + clientId));
    }

    private static boolean revocable(ConsentView consent) {
        return consent.status() == ConsentView.Status.ACTIVE || consent.status() == ConsentView.Status.PENDING;
    }

    private static FieldProblem ended() {
        return new FieldProblem("consents", "This consent has already ended: there is nothing to revoke");
    }
}
