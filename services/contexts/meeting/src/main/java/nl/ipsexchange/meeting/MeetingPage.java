package nl.ipsexchange.meeting;

import java.time.LocalDate;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import nl.ipsexchange.kernel.RuleViolationException;
import nl.ipsexchange.meeting.command.DecisionKind;
import nl.ipsexchange.platform.meeting.MeetingAgenda;
import nl.ipsexchange.platform.security.CurrentUser;

/**
 * The practitioner meeting page: the agenda as this agency and role may see it, and a form per case. With htmx a
 * decision replaces only the page's main part; without JavaScript the form posts and the page loads again.
 */
@Controller
public class MeetingPage {

    private final MeetingController meeting;
    private final MeetingAgenda agenda;
    private final MeetingDecisions decisions;

    public MeetingPage(MeetingController meeting, MeetingAgenda agenda, MeetingDecisions decisions) {
        this.meeting = meeting;
        this.agenda = agenda;
        this.decisions = decisions;
    }

    @GetMapping("/meeting")
    @Practitioners
    public String page(Model model) {
        LocalDate date = decisions.nextMeeting();
        model.addAttribute("date", date);
        model.addAttribute("sections", agenda.sections(CurrentUser.actor(), CurrentUser.role()));
        model.addAttribute("decisions", decisions.of(date, CurrentUser.actor()));
        return "meeting/meeting";
    }

    @PostMapping("/meeting/decisions")
    @Practitioners
    public String decide(@RequestParam String caseRef, @RequestParam DecisionKind kind,
                         @RequestParam(required = false) Boolean qualifies,
                         @RequestParam(required = false) String action, @RequestParam(required = false) String owner,
                         @RequestParam(required = false) LocalDate due, RedirectAttributes redirect) {
        try {
            // the projection is written in the command's own transaction (processing group "meeting" is subscribing),
            // so the page it redirects to (or, with htmx, whose main part replaces this one's) lists the decision
            meeting.record(decisions.nextMeeting(), new MeetingController.DecisionRequest(caseRef, kind, qualifies,
                    action, owner, due, null));
            redirect.addFlashAttribute("message", "Decision recorded.");
        } catch (RuleViolationException refused) {
            redirect.addFlashAttribute("error", refused.getMessage());
        }
        return "redirect:/meeting";
    }
}
