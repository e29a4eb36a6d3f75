package nl.ipsexchange.audit.web;

import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import nl.ipsexchange.audit.query.AccessRecordChain;
import nl.ipsexchange.audit.query.AccessRecordProjection;
import nl.ipsexchange.audit.query.FindAccessRecordsQuery;
import nl.ipsexchange.audit.web.fhir.FhirAuditEventController;

/**
 * The auditors' pages: the trail by client and user, anomalies, verification status, and for one client the
 * printable access report and the FHIR export. The last two are also in the API (HTTP Basic); here they are served
 * to the logged-in auditor's browser session, so the links on the trail page work without a second login.
 */
@Controller
public class TrailPage {

    private final AccessRecordProjection trail;
    private final AccessRecordChain chain;
    private final AccessReportController reports;
    private final FhirAuditEventController fhir;

    public TrailPage(AccessRecordProjection trail, AccessRecordChain chain, AccessReportController reports,
                     FhirAuditEventController fhir) {
        this.trail = trail;
        this.chain = chain;
        this.reports = reports;
        this.fhir = fhir;
    }

    @GetMapping("/trail")
    @PreAuthorize("hasRole('AUDITOR')")
    public String trail(@RequestParam(required = false) String clientId, @RequestParam(required = false) String userId,
                        @RequestParam(required = false) AccessRecordProjection.Anomaly anomaly, Model model) {
        String client = blankToNull(clientId);
        String user = blankToNull(userId);
        model.addAttribute("clientId", client);
        model.addAttribute("userId", user);
        model.addAttribute("anomaly", anomaly == null ? null : anomaly.name());
        model.addAttribute("verification", chain.verify());
        model.addAttribute("records", anomaly != null ? trail.anomalies(anomaly, 500)
                : trail.find(new FindAccessRecordsQuery(client, user, null, null, null, 500)));
        return "audit/trail";
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

    private static String blankToNull(String value) {
        return value == null || value.isBlank() || value.length() > 100 ? null : value.strip();
    }
}
