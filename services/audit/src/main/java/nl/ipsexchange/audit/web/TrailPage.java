package nl.ipsexchange.audit.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import nl.ipsexchange.audit.query.AccessRecordProjection;
import nl.ipsexchange.audit.query.AccessRecordQueries.FindAccessRecordsQuery;
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


    private final AccessRecordProjection trail;
    private final TrailVerifications verifications;
    private final AccessReportController reports;
    private final FhirAuditEventController fhir;

    /** How many records a page shows at most ({@code ips.audit.trail-page}); "Older records" shows the next ones. */
    private final int shown;

    public TrailPage(AccessRecordProjection trail, TrailVerifications verifications, AccessReportController reports,
                     FhirAuditEventController fhir,
                     @Value("${ips.audit.trail-page:500}") int shown) {
        if (shown < 1) {
            throw new IllegalArgumentException("ips.audit.trail-page must be at least 1, not " + shown);
        }
        this.shown = shown;
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
    @Auditors
    public String trail(@RequestParam(required = false) String clientId, @RequestParam(required = false) String userId,
                        @RequestParam(required = false) Agency agency,
                        @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                        @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                        @RequestParam(required = false) AccessRecordProjection.Anomaly anomaly,
                        @RequestParam(required = false) UUID after, Model model) {
        BadRequestException.requireOrderedPeriod(from, to);
        AccessRecordProjection.Position position = AccessRecordController.position(trail, after);
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
        List<AccessRecordedEvent> records = anomaly != null ? trail.anomalies(anomaly, position, shown + 1)
                : trail.find(FindAccessRecordsQuery.ofDays(client, user, agency, from, to, shown + 1).after(position));
        boolean more = records.size() > shown;
        records = more ? records.subList(0, shown) : records;
        model.addAttribute("records", records);
        model.addAttribute("paged", position != null);
        model.addAttribute("olderThan", position == null ? null : position.time());
        // the next page begins after the last record shown; there is one only when a record is left
        model.addAttribute("older", more
                ? link(client, user, agency, from, to, anomaly, records.get(shown - 1).recordId()) : null);
        model.addAttribute("newest", link(client, user, agency, from, to, anomaly, null));
        return "audit/trail";
    }

    /** Starts a verification of the whole trail in the background; the page shows its result when it is done. */
    @PostMapping("/trail/verification")
    @Auditors
    public String verify(RedirectAttributes redirect) {
        redirect.addFlashAttribute("verificationRequested", verifications.request(CurrentUser.actor().userId()));
        return "redirect:/trail";
    }

    /** The client's access report as a page, printable (the print stylesheet leaves out navigation and forms). */
    @GetMapping("/trail/access-report")
    @Auditors
    public String accessReport(@RequestParam UUID clientId, Model model) {
        model.addAttribute("report", reports.report(clientId));
        return "audit/access-report";
    }

    /** The client's trail as a FHIR R4 Bundle of AuditEvents ({@code application/fhir+json}). */
    @GetMapping("/trail/fhir")
    @Auditors
    public ResponseEntity<String> fhirExport(@RequestParam UUID clientId) {
        return fhir.search(clientId.toString());
    }

    /** The schedule's interval in its largest whole unit ("1 h", "90 min", "30 s"); null when not on a schedule. */
    static String interval(Duration every) {
        if (every.isZero()) {
            return null;
        }
        if (every.toSeconds() % 3600 == 0) {
            return every.toHours() + " h";
        }
        return every.toSeconds() % 60 == 0 ? every.toMinutes() + " min" : every.toSeconds() + " s";
    }

    /** This page with these filters (the ones given), from its newest records, or after record {@code after}. */
    private static String link(String client, String user, Agency agency, LocalDate from, LocalDate to,
                               AccessRecordProjection.Anomaly anomaly, UUID after) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        if (anomaly != null) {
            parameters.put("anomaly", anomaly.name());
        } else {
            parameters.put("clientId", client);
            parameters.put("userId", user);
            parameters.put("agency", agency == null ? null : agency.name());
            parameters.put("from", from);
            parameters.put("to", to);
        }
        parameters.put("after", after);
        StringJoiner query = new StringJoiner("&", "/trail?", "").setEmptyValue("/trail");
        parameters.forEach((name, value) -> {
            if (value != null) {
                query.add(name + "=" + URLEncoder.encode(value.toString(), StandardCharsets.UTF_8));
            }
        });
        return query.toString();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() || value.length() > 100 ? null : value.strip();
    }
}
