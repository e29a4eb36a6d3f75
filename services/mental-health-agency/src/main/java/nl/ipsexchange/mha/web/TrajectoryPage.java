package nl.ipsexchange.mha.web;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;
import java.util.function.Supplier;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import nl.ipsexchange.kernel.RuleViolationException;
import nl.ipsexchange.kernel.funding.FundingDecisionReason;
import nl.ipsexchange.mha.query.client.ClientDataReader;
import nl.ipsexchange.mha.query.trajectory.TrajectoryView;
import nl.ipsexchange.mha.query.trajectory.TrajectoryView.FundingDecisionView;
import nl.ipsexchange.platform.web.BadRequestException;
import nl.ipsexchange.platform.web.NotFoundException;

/** The working page of a trajectory: what happened so far and forms for the next steps, through the API's rules. */
@Controller
public class TrajectoryPage extends ClientPages {

    private final TrajectoryController api;
    private final ClientDataReader clients;
    private final Clock clock;

    public TrajectoryPage(TrajectoryController api, ClientDataReader clients, Clock clock) {
        this.api = api;
        this.clients = clients;
        this.clock = clock;
    }

    @GetMapping("/trajectories/{trajectoryId}")
    @Staff
    public String page(@PathVariable UUID trajectoryId, Model model) {
        var trajectory = api.get(trajectoryId);
        model.addAttribute("t", trajectory);
        model.addAttribute("funding", fundingWords(trajectory));
        model.addAttribute("client", clients.client(trajectory.clientId())
                .orElseThrow(() -> new NotFoundException("no client " + trajectory.clientId())));
        model.addAttribute("today", LocalDate.now(clock));
        return "mha/trajectory";
    }

    @PostMapping("/clients/{clientId}/referral")
    @Staff
    public String refer(@PathVariable UUID clientId, @RequestParam(required = false) String jobPreferences,
                        @RequestParam(defaultValue = "false") boolean wishesToWork,
                        @RequestParam(required = false) String team, RedirectAttributes redirect) {
        try {
            String trajectory = api.refer(new TrajectoryController.ReferralRequest(clientId, wishesToWork,
                    jobPreferences, null, null, team)).getBody().trajectoryId();
            return "redirect:/trajectories/" + trajectory;
        } catch (RuleViolationException | BadRequestException refused) {
            redirect.addFlashAttribute("error", refused.getMessage());
            return "redirect:/clients/" + clientId + "/consents";
        }
    }

    @PostMapping("/trajectories/{trajectoryId}/intake")
    @Staff
    public String intake(@PathVariable UUID trajectoryId, @RequestParam LocalDate date, @RequestParam BigDecimal hours,
                         RedirectAttributes redirect) {
        return step(trajectoryId, redirect, () -> {
            var outcome = api.intake(trajectoryId, new TrajectoryController.IntakeSessionRequest(date, hours))
                    .getBody();
            return outcome.reason() == null ? "Intake consultation " + outcome.sessionNumber() + " recorded."
                    : "Recorded; " + outcome.refusedHours() + " hour(s) not billed: " + outcome.reason();
        });
    }

    @PostMapping("/trajectories/{trajectoryId}/apply")
    @Staff
    public String apply(@PathVariable UUID trajectoryId, RedirectAttributes redirect) {
        return step(trajectoryId, redirect, () -> "Sent to " + api.applyForFunding(trajectoryId, null).getBody()
                .get("funder") + ".");
    }

    @PostMapping("/trajectories/{trajectoryId}/employer-contact")
    @Staff
    public String employerContact(@PathVariable UUID trajectoryId, @RequestParam LocalDate date,
                                  @RequestParam String employer, RedirectAttributes redirect) {
        return step(trajectoryId, redirect, () -> {
            api.employerContact(trajectoryId, new TrajectoryController.EmployerContactRequest(date, employer));
            return "Employer contact recorded.";
        });
    }

    @PostMapping("/trajectories/{trajectoryId}/placement")
    @Staff
    public String placement(@PathVariable UUID trajectoryId, @RequestParam LocalDate startDate,
                            @RequestParam String employer, @RequestParam String jobTitle,
                            @RequestParam BigDecimal hoursPerWeek, @RequestParam BigDecimal monthlyGrossWage,
                            @RequestParam(defaultValue = "false") boolean competitive, RedirectAttributes redirect) {
        return step(trajectoryId, redirect, () -> {
            api.startPlacement(trajectoryId, new TrajectoryController.PlacementRequest(employer, jobTitle, competitive,
                    hoursPerWeek, monthlyGrossWage, startDate));
            return "Job start recorded.";
        });
    }

    @PostMapping("/trajectories/{trajectoryId}/placements/{placementId}/end")
    @Staff
    public String endPlacement(@PathVariable UUID trajectoryId, @PathVariable UUID placementId,
                               @RequestParam LocalDate endDate, @RequestParam(required = false) String reason,
                               RedirectAttributes redirect) {
        return step(trajectoryId, redirect, () -> {
            api.endPlacement(trajectoryId, placementId, new TrajectoryController.EndPlacementRequest(endDate, reason));
            return "Job end recorded.";
        });
    }

    @PostMapping("/trajectories/{trajectoryId}/close")
    @Staff
    public String close(@PathVariable UUID trajectoryId, @RequestParam LocalDate date,
                        @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        return step(trajectoryId, redirect, () -> {
            api.close(trajectoryId, new TrajectoryController.CloseRequest(date, reason));
            return "Trajectory closed.";
        });
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

    private static String step(UUID trajectoryId, RedirectAttributes redirect, Supplier<String> action) {
        try {
            redirect.addFlashAttribute("message", action.get());
        } catch (RuleViolationException | BadRequestException refused) {
            redirect.addFlashAttribute("error", refused.getMessage());
        }
        return "redirect:/trajectories/" + trajectoryId;
    }
}
