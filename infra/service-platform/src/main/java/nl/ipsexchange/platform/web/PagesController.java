package nl.ipsexchange.platform.web;

import java.time.LocalDate;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import nl.ipsexchange.platform.security.CurrentUser;
import nl.ipsexchange.platform.status.StatusMeasures;
import nl.ipsexchange.platform.status.StatusQueries;
import nl.ipsexchange.platform.status.StatusReaders;

/** The pages every service has: log in, home, and the decision makers' de-identified status. */
@Controller
public class PagesController {

    private final StatusQueries status;
    private final StatusMeasures measures;

    public PagesController(StatusQueries status, StatusMeasures measures) {
        this.status = status;
        this.measures = measures;
    }

    @GetMapping("/login")
    @PreAuthorize("permitAll()")
    public String login() {
        return "platform/login";
    }

    @GetMapping("/")
    @PreAuthorize("isAuthenticated()")
    public String home(Model model) {
        model.addAttribute("role", CurrentUser.role());
        return "platform/home";
    }

    @GetMapping("/status")
    @StatusReaders
    public String status(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                         @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                         Model model) {
        LocalDate until = to != null && from != null && to.isBefore(from) ? from : to;
        StatusQueries.StatusSummary summary = status.summary(from, until);
        model.addAttribute("measures", measures.measures(from, until));
        model.addAttribute("summary", summary);
        model.addAttribute("max", summary.eventCounts().values().stream().mapToLong(Long::longValue).max().orElse(0));
        return "platform/status";
    }
}
