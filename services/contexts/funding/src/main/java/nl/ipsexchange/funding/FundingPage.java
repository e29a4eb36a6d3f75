package nl.ipsexchange.funding;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import nl.ipsexchange.funding.query.FundingProjection;
import nl.ipsexchange.kernel.RuleViolationException;
import nl.ipsexchange.kernel.funding.PaymentStatement;
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
        // the covenant's versions and the one an approval now would pin (ADRs 48, 52)
        model.addAttribute("covenant", api.covenantVersions());
        model.addAttribute("today", LocalDate.now(clock));
        return "funding/funding";
    }

    @PostMapping("/funding/{applicationId}/approve")
    @FundingDeciders
    public String approve(@PathVariable UUID applicationId, @RequestParam LocalDate startDate,
                          RedirectAttributes redirect) {
        try {
            api.approve(applicationId, new FundingController.ApproveRequest(startDate));
        } catch (ConflictException | RuleViolationException refused) {
            // refused by the fidelity condition, or by the application's state or the covenant's first version
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

    @PostMapping("/funding/{applicationId}/payments")
    @FundingDeciders
    public String recordPayment(@PathVariable UUID applicationId, @RequestParam String lineId,
                                @RequestParam String paidOn, @RequestParam String reference,
                                RedirectAttributes redirect) {
        try {
            api.recordPayment(applicationId, new FundingController.PaymentRequest(lineId, date(paidOn, "paidOn"),
                    reference));
            redirect.addFlashAttribute("message", "Payment recorded: " + reference.strip());
        } catch (RuleViolationException refused) {
            redirect.addFlashAttribute("error", refused.getMessage());
        }
        return "redirect:/funding";
    }

    /** The statement of a period, printable; the current quarter when no period is asked for. */
    @GetMapping("/funding/statement")
    @PaymentReaders
    public String statement(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                            Model model) {
        LocalDate today = LocalDate.now(clock);
        LocalDate quarter = today.withDayOfMonth(1).withMonth((today.getMonthValue() - 1) / 3 * 3 + 1);
        String fromText = from == null ? quarter.toString() : from;
        String toText = to == null ? quarter.plusMonths(3).minusDays(1).toString() : to;
        model.addAttribute("from", fromText);
        model.addAttribute("to", toText);
        try {
            model.addAttribute("statement", api.statement(date(fromText, "from"), date(toText, "to")));
        } catch (RuleViolationException invalid) {
            model.addAttribute("error", invalid.getMessage());
        }
        return "funding/statement";
    }

    /** The same statement as CSV, for the funder's bookkeeping. */
    @GetMapping("/funding/statement.csv")
    @PaymentReaders
    public ResponseEntity<String> statementCsv(@RequestParam String from, @RequestParam String to) {
        PaymentStatement statement = api.statement(date(from, "from"), date(to, "to"));
        StringBuilder csv = new StringBuilder("trajectory,owed,paid,outstanding\r\n");
        statement.trajectories().forEach(line -> csv.append(line.trajectoryId()).append(',').append(line.owed())
                .append(',').append(line.paid()).append(',').append(line.outstanding()).append("\r\n"));
        csv.append("total,").append(statement.owed()).append(',').append(statement.paid()).append(',')
                .append(statement.outstanding()).append("\r\n");
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("payment-statement-" + statement.from() + "-" + statement.to() + ".csv").build()
                        .toString())
                .body(csv.toString());
    }

    /** A date from a form field, or a refusal naming the field. */
    private static LocalDate date(String text, String field) {
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw RuleViolationException.invalid(field + ": must be a date (yyyy-mm-dd)");
        }
    }
}
