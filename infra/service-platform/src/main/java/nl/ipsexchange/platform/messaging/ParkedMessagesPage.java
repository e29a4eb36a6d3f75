package nl.ipsexchange.platform.messaging;

import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import nl.ipsexchange.platform.security.Administrators;
import nl.ipsexchange.platform.web.ConflictException;
import nl.ipsexchange.platform.web.NotFoundException;

/** The administrator's page of parked inbound messages; the same operations as the API. */
@Controller
public class ParkedMessagesPage {

    private final ParkedMessagesController api;

    public ParkedMessagesPage(ParkedMessagesController api) {
        this.api = api;
    }

    @GetMapping("/admin/parked-messages")
    @Administrators
    public String page(Model model) {
        model.addAttribute("parked", api.list());
        model.addAttribute("resolutions", api.resolutions());
        return "platform/parked-messages";
    }

    @PostMapping("/admin/parked-messages/{eventId}/retry")
    @Administrators
    public String retry(@PathVariable UUID eventId, RedirectAttributes redirect) {
        try {
            InboundMessageProcessor.RetryResult result = api.retry(eventId);
            redirect.addFlashAttribute(result.failure() == null ? "message" : "error", result.failure() == null
                    ? "Retried " + result.retried() + " message(s); the client's sequence flows again."
                    : "Retried " + result.retried() + " message(s); " + result.stillParked()
                            + " still parked. It failed again: " + result.failure());
        } catch (NotFoundException | ConflictException refused) {
            redirect.addFlashAttribute("error", refused.getMessage());
        }
        return "redirect:/admin/parked-messages";
    }

    @PostMapping("/admin/parked-messages/{eventId}/discard")
    @Administrators
    public String discard(@PathVariable UUID eventId, @RequestParam String reason, RedirectAttributes redirect) {
        if (reason.isBlank() || reason.length() > 500) {
            redirect.addFlashAttribute("error", "A reason of at most 500 characters is required to discard.");
            return "redirect:/admin/parked-messages";
        }
        try {
            api.discard(eventId, new ParkedMessagesController.DiscardRequest(reason));
            redirect.addFlashAttribute("message", "Discarded; the reason is recorded.");
        } catch (NotFoundException gone) {
            redirect.addFlashAttribute("error", gone.getMessage());
        }
        return "redirect:/admin/parked-messages";
    }
}
