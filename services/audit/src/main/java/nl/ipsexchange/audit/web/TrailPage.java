package nl.ipsexchange.audit.web;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import nl.ipsexchange.audit.query.AccessRecordProjection;
import nl.ipsexchange.audit.query.FindAccessRecordsQuery;
import nl.ipsexchange.audit.query.TrailVerifications;
import nl.ipsexchange.audit.web.fhir.FhirAuditEventController;
import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.audit.AccessRecordedEvent;
import nl.ipsexchange.platform.security.CurrentUser;
import nl.ipsexchange.platform.web.BadRequestException;

/**
 * The auditors' pages: the trail by client, user, agency and period, anomalies, the newest verification of the whole
 * trail (and a button to verify it now), and for one client the printable access report and the FHIR export. The
 * last two are also in the API (HTTP Basic); here they are served to the logged-in auditor's browser session, so the
 * links on the trail page work without a second login.
 */
@Controller
public class TrailPage {

    /** How many records the page shows at most; narrower filters reach older records. */
    static final int SHOWN = 500;

    private final AccessRecordProjection trail;
    private final TrailVerifications verifications;
    private final AccessReportController reports;
    private final FhirAuditEventController fhir;

    public TrailPage(AccessRecordProjection trail, TrailVerifications verifications, AccessReportController reports,
                     FhirAuditEventController fhir) {
        this.trail = trail;
        this.verifications = verifications;
        this.reports = reports;
        this.fhir = fhir;
    }

    /**
     * The trail, newest first, by client, user, agency and period, or its anomalies; and the newest verification of
     * the whole trail (the page never walks the chains itself: ADR 24).
     */
    @GetMapping("/trail")
    @PreAuthorize("hasRole('AUDITOR')")
    public String trail(@RequestParam(required = false) String clientId, @RequestParam(required = false) String userId,
                        @RequestParam(required = false) Agency agency,
                        @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                        @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                        @RequestParam(required = false) AccessRecordProjection.Anomaly anomaly, Model model) {
        BadRequestException.requireOrderedPeriod(from, to);
        String client = blankToNull(clientId);
        String user = blankToNull(userId);
        model.addAttribute("clientId", client);
        model.addAttribute("userId", user);
        model.addAttribute("agency", agency == null ? null : agency.name());
        model.addAttribute("agencies", Agency.values());
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("anomaly", anomaly == null ? null : anomaly.name());
        model.addAttribute("verification", verifications.latest().orElse(null));
        model.addAttribute("verificationRunningSince", verifications.runningSince().orElse(null));
        model.addAttribute("verificationEvery", interval(verifications.every()));
        model.addAttribute("recordsInTrail", verifications.recordsInTrail());
        List<AccessRecordedEvent> records = anomaly != null ? trail.anomalies(anomaly, SHOWN)
                : trail.find(FindAccessRecordsQuery.ofDays(client, user, agency, from, to, SHOWN));
        model.addAttribute("records", records);
        model.addAttribute("more", records.size() == SHOWN);
        return "audit/trail";
    }

    /** Starts a verification of the whole trail in the background; the page shows its result when it is done. */
    @PostMapping("/trail/verification")
    @PreAuthorize("hasRole('AUDITOR')")
    public String verify(RedirectAttributes redirect) {
        redirect.addFlashAttribute("verificationRequested", verifications.request(CurrentUser.actor().userId()));
        return "redirect:/trail";
    }

    /** The client's access report as a page, printable (the print stylesheet leaves out navigation and forms). */
    @GetMapping("/trail/access-report")
    @PreAuthorize("hasRole('AUDITOR')")
    public String accessReport(@RequestParam UUID clientId, Model model) {
        model.addAttribute("report", reports.report(clientId));
        return "audit/access-report";
    }

    /** The client's trail as a FHIR R4 Bundle of AuditEvents ({@code application/fhir+json}). */
    @GetMapping("/trail/fhir")
    @PreAuthorize("hasRole('AUDITOR')")
    public ResponseEntity<String> fhirExport(@RequestParam UUID clientId) {
        return fhir.search(clientId.toString());
    }

    /** The schedule's interval in its largest whole unit ("1 h", "90 min", "30 s"); null when not on a schedule. */
    static String interval(java.time.Duration every) {
        if (every.isZero()) {
            return null;
        }
        if (every.toSeconds() % 3600 == 0) {
            return every.toHours() + " h";
        }
        return every.toSeconds() % 60 == 0 ? every.toMinutes() + " min" : every.toSeconds() + " s";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() || value.length() > 100 ? null : value.strip();
    }
}
