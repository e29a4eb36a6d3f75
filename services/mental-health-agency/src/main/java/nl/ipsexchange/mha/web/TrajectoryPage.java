package nl.ipsexchange.mha.web;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.funding.FundingDecisionReason;
import nl.ipsexchange.mha.query.client.ClientDataReader;
import nl.ipsexchange.mha.query.client.ClientView;
import nl.ipsexchange.mha.query.trajectory.TrajectoryView;
import nl.ipsexchange.mha.query.trajectory.TrajectoryView.FundingDecisionView;
import nl.ipsexchange.mha.query.trajectory.TrajectoryView.PlacementView;
import nl.ipsexchange.platform.web.FieldProblem;
import nl.ipsexchange.platform.web.NotFoundException;

/**
 * The working page of a trajectory: what happened so far and forms for the next steps. Each form is checked by the
 * API's request and sent to the API's handler ({@link FormCheck}): every problem at once in the page's words, the
 * input kept; what was done is said at the top. Closing the trajectory asks for a confirmation first.
 */
@Controller
public class TrajectoryPage extends ClientPages {

    static final FormFields INTAKE = FormFields.of("intake")
            .text("date", "Date of the consultation")
            .text("hours", "Hours");
    static final FormFields APPLY = FormFields.of("apply");
    static final FormFields CONTACT = FormFields.of("contact")
            .text("date", "Date of the contact")
            .text("employer", "Employer");
    static final FormFields PLACEMENT = FormFields.of("placement")
            .text("startDate", "Start date")
            .text("employer", "Employer")
            .text("jobTitle", "Job title")
            .text("hoursPerWeek", "Hours a week")
            .text("monthlyGrossWage", "Gross monthly wage (€)")
            .choice("competitive", "Competitive job", "Say whether the job is competitive");
    static final FormFields END = FormFields.of("end")
            .text("endDate", "End date")
            .text("reason", "Reason");
    static final FormFields CLOSE = FormFields.of("close")
            .text("date", "Close on")
            .text("reason", "Reason");

    /** An intake consultation as typed. */
    public record IntakeForm(String date, String hours) {
    }

    /** A face-to-face employer contact as typed. */
    public record ContactForm(String date, String employer) {
    }

    /** A job start as typed; {@code competitive} is a box, ticked or not. */
    public record PlacementForm(String startDate, String employer, String jobTitle, String hoursPerWeek,
                                String monthlyGrossWage, String competitive) {
    }

    /** The end of one job as typed. */
    public record EndForm(String endDate, String reason) {
    }

    /** The close as typed, and whether the user confirmed it on the next page. */
    public record CloseForm(String date, String reason, String confirmed) {
    }

    private final TrajectoryController api;
    private final ClientDataReader clients;
    private final Clock clock;
    private final Validator validator;

    public TrajectoryPage(TrajectoryController api, ClientDataReader clients, Clock clock, Validator validator) {
        this.api = api;
        this.clients = clients;
        this.clock = clock;
        this.validator = validator;
    }

    @GetMapping("/trajectories/{trajectoryId}")
    @Staff
    public String page(@PathVariable UUID trajectoryId, Model model) {
        return show(api.get(trajectoryId), model, List.of());
    }

    @PostMapping("/trajectories/{trajectoryId}/intake")
    @Staff
    public String intake(@PathVariable UUID trajectoryId, @ModelAttribute("intake") IntakeForm form, Model model,
                         HttpServletResponse response, RedirectAttributes redirect) {
        TrajectoryView trajectory = api.get(trajectoryId);
        FormCheck check = INTAKE.check();
        LocalDate date = check.date("date", form.date());
        var request = check.request(validator, new TrajectoryController.IntakeSessionRequest(date,
                check.number("hours", form.hours())));
        if (request == null) {
            return again(trajectory, model, response, check);
        }
        try {
            var outcome = api.intake(trajectoryId, request).getBody();
            return done(trajectory, redirect, "Intake consultation " + outcome.sessionNumber() + " recorded: "
                    + hours(request.hours()) + (outcome.reason() == null ? "."
                    : "; " + hours(outcome.refusedHours()) + " not billed: " + outcome.reason() + "."));
        } catch (RuntimeException failed) {
            return refused(trajectory, model, response, check.refused(failed, null));
        }
    }

    @PostMapping("/trajectories/{trajectoryId}/apply")
    @Staff
    public String apply(@PathVariable UUID trajectoryId, Model model, HttpServletResponse response,
                        RedirectAttributes redirect) {
        TrajectoryView trajectory = api.get(trajectoryId);
        try {
            String funder = api.applyForFunding(trajectoryId, null).getBody().get("funder");
            return done(trajectory, redirect, "Funding applied for at " + Words.agency(Agency.valueOf(funder))
                    + ".");
        } catch (RuntimeException failed) {
            return refused(trajectory, model, response, APPLY.check().refused(failed, null));
        }
    }

    @PostMapping("/trajectories/{trajectoryId}/employer-contact")
    @Staff
    public String employerContact(@PathVariable UUID trajectoryId, @ModelAttribute("contact") ContactForm form,
                                  Model model, HttpServletResponse response, RedirectAttributes redirect) {
        TrajectoryView trajectory = api.get(trajectoryId);
        FormCheck check = CONTACT.check();
        LocalDate date = check.date("date", form.date());
        var request = check.request(validator, new TrajectoryController.EmployerContactRequest(date,
                FormCheck.text(form.employer())));
        if (request == null) {
            return again(trajectory, model, response, check);
        }
        try {
            api.employerContact(trajectoryId, request);
            return done(trajectory, redirect, "Employer contact with " + request.employer().strip() + " on "
                    + request.date() + " recorded.");
        } catch (RuntimeException failed) {
            return refused(trajectory, model, response, check.refused(failed, null));
        }
    }

    @PostMapping("/trajectories/{trajectoryId}/placement")
    @Staff
    public String placement(@PathVariable UUID trajectoryId, @ModelAttribute("placement") PlacementForm form,
                            Model model, HttpServletResponse response, RedirectAttributes redirect) {
        TrajectoryView trajectory = api.get(trajectoryId);
        FormCheck check = PLACEMENT.check();
        LocalDate start = check.date("startDate", form.startDate());
        BigDecimal hours = check.number("hoursPerWeek", form.hoursPerWeek());
        BigDecimal wage = check.number("monthlyGrossWage", form.monthlyGrossWage());
        var request = check.request(validator, new TrajectoryController.PlacementRequest(
                FormCheck.text(form.employer()), FormCheck.text(form.jobTitle()), FormCheck.ticked(form.competitive()),
                hours, wage, start));
        if (request == null) {
            return again(trajectory, model, response, check);
        }
        try {
            api.startPlacement(trajectoryId, request);
            return done(trajectory, redirect, "Job start recorded: " + request.jobTitle().strip() + " at "
                    + request.employer().strip() + " from " + request.startDate() + ", "
                    + hours(request.hoursPerWeek()) + " a week, " + TrajectoryHistory.euro(request.monthlyGrossWage())
                    + " gross a month.");
        } catch (RuntimeException failed) {
            return refused(trajectory, model, response, check.refused(failed, null));
        }
    }

    @PostMapping("/trajectories/{trajectoryId}/placements/{placementId}/end")
    @Staff
    public String endPlacement(@PathVariable UUID trajectoryId, @PathVariable UUID placementId,
                               @ModelAttribute("end") EndForm form, Model model, HttpServletResponse response,
                               RedirectAttributes redirect) {
        TrajectoryView trajectory = api.get(trajectoryId);
        PlacementView job = trajectory.placements().stream()
                .filter(placement -> placement.placementId().equals(placementId.toString())).findFirst()
                .orElseThrow(() -> new NotFoundException("this trajectory has no placement " + placementId));
        model.addAttribute("ended", job.placementId());
        FormCheck check = END.forRow("end-" + job.placementId()).check();
        LocalDate end = check.date("endDate", form.endDate());
        var request = check.request(validator, new TrajectoryController.EndPlacementRequest(end,
                FormCheck.text(form.reason())));
        if (request == null) {
            return again(trajectory, model, response, check);
        }
        try {
            api.endPlacement(trajectoryId, placementId, request);
            return done(trajectory, redirect, "Job end recorded: " + job.jobTitle() + " at " + job.employer()
                    + " ended on " + request.endDate() + ".");
        } catch (RuntimeException failed) {
            return refused(trajectory, model, response, check.refused(failed, new FieldProblem(
                    "trajectory", "The end of this job was recorded before")));
        }
    }

    /**
     * Closing cannot be undone: a close whose input is right first shows what will happen; only the post of that
     * page's button ({@code confirmed=yes}) closes.
     */
    @PostMapping("/trajectories/{trajectoryId}/close")
    @Staff
    public String close(@PathVariable UUID trajectoryId, @ModelAttribute("close") CloseForm form, Model model,
                        HttpServletResponse response, RedirectAttributes redirect) {
        TrajectoryView trajectory = api.get(trajectoryId);
        FormCheck check = CLOSE.check();
        LocalDate date = check.date("date", form.date());
        var request = check.request(validator, new TrajectoryController.CloseRequest(date,
                FormCheck.text(form.reason())));
        if (request == null) {
            return again(trajectory, model, response, check);
        }
        if (!Confirmation.confirmed(form.confirmed())) {
            return confirmClose(trajectory, request, form, model);
        }
        try {
            api.close(trajectoryId, request);
            return done(trajectory, redirect, "Trajectory closed on " + request.date() + ".");
        } catch (RuntimeException failed) {
            return refused(trajectory, model, response, check.refused(failed, null));
        }
    }

    private String confirmClose(TrajectoryView trajectory, TrajectoryController.CloseRequest request,
                                CloseForm form, Model model) {
        ClientView client = client(trajectory);
        String back = "/trajectories/" + trajectory.trajectoryId();
        List<String> effects = new ArrayList<>();
        effects.add("No further step can be recorded in this trajectory: no intake, employer contact, job start or "
                + "job coaching.");
        if (trajectory.funder() != null) {
            effects.add(Words.capitalised(Words.agency(trajectory.funder())) + ", the funder, is told that the "
                    + "trajectory closed on " + request.date() + ", as far as the client's consent allows.");
        }
        effects.add("This cannot be undone: to support the client again, refer them again.");
        model.addAttribute("problems", List.of());
        model.addAttribute("confirmation", new Confirmation("Close this IPS trajectory?", back, "IPS trajectory",
                new Confirmation.Link(client.name(), "/clients/" + client.clientId()),
                List.of(new Confirmation.Detail("Referred", trajectory.referredOn() + " to " + trajectory.team()),
                        new Confirmation.Detail("Close on", request.date().toString()),
                        new Confirmation.Detail("Reason", request.reason() == null || request.reason().isBlank()
                                ? "none given" : request.reason())),
                effects, back + "/close",
                List.of(new Confirmation.Hidden("date", form.date()),
                        new Confirmation.Hidden("reason", form.reason() == null ? "" : form.reason())),
                List.of(), "Close trajectory"));
        return "mha/confirm";
    }

    /** The page, with the forms as typed (those the model holds) or as new, and the problems of the one sent. */
    private String show(TrajectoryView trajectory, Model model, List<FieldProblem> problems) {
        String today = LocalDate.now(clock).toString();
        model.addAttribute("t", trajectory);
        model.addAttribute("funding", fundingWords(trajectory));
        model.addAttribute("client", client(trajectory));
        model.addAttribute("problems", problems);
        if (!model.containsAttribute("intake")) {
            model.addAttribute("intake", new IntakeForm(today, "1"));
        }
        if (!model.containsAttribute("contact")) {
            model.addAttribute("contact", new ContactForm(today, ""));
        }
        if (!model.containsAttribute("placement")) {
            model.addAttribute("placement", new PlacementForm(today, "", "", "", "", "true"));
        }
        if (!model.containsAttribute("close")) {
            model.addAttribute("close", new CloseForm(today, "", null));
        }
        // one end form per job not ended yet; the one sent as typed
        Map<String, EndForm> ends = new LinkedHashMap<>();
        for (PlacementView job : trajectory.placements()) {
            if (job.endDate() == null) {
                ends.put(job.placementId(), job.placementId().equals(model.getAttribute("ended"))
                        ? (EndForm) model.getAttribute("end") : new EndForm(today, ""));
            }
        }
        model.addAttribute("ends", ends);
        return "mha/trajectory";
    }

    private String again(TrajectoryView trajectory, Model model, HttpServletResponse response, FormCheck check) {
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        return show(trajectory, model, check.problems());
    }

    private String refused(TrajectoryView trajectory, Model model, HttpServletResponse response,
                           FormCheck.Refusal refusal) {
        response.setStatus(refusal.status().value());
        return show(trajectory, model, List.of(refusal.problem()));
    }

    private static String done(TrajectoryView trajectory, RedirectAttributes redirect, String message) {
        redirect.addFlashAttribute("message", message);
        return "redirect:/trajectories/" + trajectory.trajectoryId();
    }

    private ClientView client(TrajectoryView trajectory) {
        return clients.client(trajectory.clientId())
                .orElseThrow(() -> new NotFoundException("no client " + trajectory.clientId()));
    }

    /** 1.5 hours; 1 hour. */
    private static String hours(BigDecimal hours) {
        String number = hours.stripTrailingZeros().toPlainString();
        return number + (hours.compareTo(BigDecimal.ONE) == 0 ? " hour" : " hours");
    }

    /** Where the trajectory's funding stands, in the words of the page and the meeting agenda (ADR 46). */
    public static String fundingWords(TrajectoryView t) {
        FundingDecisionView decision = t.fundingDecision();
        return switch (t.fundingStatus()) {
            case NOT_APPLIED -> "not applied for";
            case NO_FUNDER -> t.fundingRefusal();
            case APPLIED -> "applied for at " + t.funder() + " on " + t.appliedOn();
            case FUNDED -> "funded from " + decision.startDate() + " by " + decision.funder()
                    + (decision.covenantVersion() == null ? "" : " under covenant " + decision.covenantVersion());
            case REJECTED -> "funding rejected by " + decision.funder() + " on " + decision.decidedOn() + " ("
                    + reasonWords(decision.reasonCode()) + ")";
            case APPROVAL_REFUSED -> "funding refused by " + decision.funder() + " on " + decision.decidedOn() + " ("
                    + reasonWords(decision.reasonCode()) + ")";
        };
    }

    /** A funder's coded reason in plain words. */
    public static String reasonWords(FundingDecisionReason reason) {
        if (reason == null) {
            return "no reason given";
        }
        return switch (reason) {
            case NO_FIDELITY_REVIEW -> "no fidelity review of the IPS team is known to the funder";
            case FIDELITY_BELOW_FAIR -> "the team's newest fidelity review is below FAIR";
            case FIDELITY_REVIEW_TOO_OLD -> "the team's newest fidelity review is older than the covenant allows";
            case FIDELITY_REVIEW_NOT_INDEPENDENT -> "the team's newest fidelity review is not independent";
            case NO_TEAM_NAMED -> "the application named no IPS team: apply again";
            case DETAILS_ERASED -> "the application's details were erased when the client's consent ended";
            case REJECTED_BY_FUNDER -> "rejected by the funder's staff: ask the funder for the reasons";
            case OTHER -> "ask the funder";
        };
    }

}
