package nl.ipsexchange.funding;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import nl.ipsexchange.funding.query.FundingProjection;
import nl.ipsexchange.kernel.fidelity.FidelityCovenant;
import nl.ipsexchange.platform.web.ConflictException;

/** The funder's page of funding applications: decide them, see the payment schedules. Same rules as the API. */
@Controller
public class FundingPage {

    private final FundingController api;
    private final FundingProjection funding;
    private final FidelityRegister fidelity;
    private final FidelityCovenant covenant;
    private final Clock clock;

    public FundingPage(FundingController api, FundingProjection funding, FidelityRegister fidelity,
                       FidelityCovenant covenant, Clock clock) {
        this.covenant = covenant;
        this.api = api;
        this.funding = funding;
        this.fidelity = fidelity;
        this.clock = clock;
    }

    @GetMapping("/funding")
    @FunderStaff
    public String page(Model model) {
        List<FundingProjection.ApplicationView> applications = funding.applications();
        Map<String, List<FundingProjection.PaymentView>> payments = new LinkedHashMap<>();
        applications.forEach(a -> payments.put(a.applicationId(), funding.payments(a.applicationId())));
        model.addAttribute("applications", applications);
        model.addAttribute("payments", payments);
        model.addAttribute("teams", fidelity.latestPerTeam());
        model.addAttribute("maxReviewAgeMonths", covenant.maxReviewAgeMonths());
        model.addAttribute("nonIndependentOpens", covenant.nonIndependentReviewOpensFunding());
        model.addAttribute("today", LocalDate.now(clock));
        return "funding/funding";
    }

    @PostMapping("/funding/{applicationId}/approve")
    @FundingDeciders
    public String approve(@PathVariable UUID applicationId, @RequestParam LocalDate startDate,
                          RedirectAttributes redirect) {
        try {
            api.approve(applicationId, new FundingController.ApproveRequest(startDate));
        } catch (ConflictException refused) {
            redirect.addFlashAttribute("error", refused.getMessage());
        }
        return "redirect:/funding";
    }

    @PostMapping("/funding/{applicationId}/reject")
    @FundingDeciders
    public String reject(@PathVariable UUID applicationId, @RequestParam String reason) {
        api.reject(applicationId, new FundingController.RejectRequest(reason));
        return "redirect:/funding";
    }
}
