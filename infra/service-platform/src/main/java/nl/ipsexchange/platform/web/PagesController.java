package nl.ipsexchange.platform.web;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import nl.ipsexchange.platform.security.CurrentUser;

/**
 * The pages every service has: log in and home, with the work that waits for the user (the status page is the status
 * context's, ADR 0039).
 */
@Controller
public class PagesController {

    private final WorkQueues work;

    public PagesController(WorkQueues work) {
        this.work = work;
    }

    @GetMapping("/login")
    @PreAuthorize("permitAll()")
    public String login() {
        return "platform/login";
    }

    @GetMapping("/")
    @PreAuthorize("isAuthenticated()")
    public String home(Model model, Authentication user) {
        model.addAttribute("role", CurrentUser.role());
        model.addAttribute("work", work.waitingFor(user));
        return "platform/home";
    }
}
