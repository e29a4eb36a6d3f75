package nl.ipsexchange.audit.web;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import nl.ipsexchange.audit.query.AccessRecordChain;
import nl.ipsexchange.audit.query.AccessRecordProjection;
import nl.ipsexchange.audit.query.FindAccessRecordsQuery;

/** The auditors' page: the trail by client and user, anomalies, verification status, export and report links. */
@Controller
public class TrailPage {

    private final AccessRecordProjection trail;
    private final AccessRecordChain chain;

    public TrailPage(AccessRecordProjection trail, AccessRecordChain chain) {
        this.trail = trail;
        this.chain = chain;
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

    private static String blankToNull(String value) {
        return value == null || value.isBlank() || value.length() > 100 ? null : value.strip();
    }
}
