package nl.ipsexchange.audit.web;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import nl.ipsexchange.kernel.audit.AccessOutcome;
import nl.ipsexchange.kernel.audit.AccessRecordedEvent;
import nl.ipsexchange.kernel.consent.ConsentTerms;

/**
 * A client's own access report: everything the trail holds about who saw or received their data, in plain words,
 * as JSON or as a printable page. Given to the client through the data protection officer (auditor role). Each
 * report is recorded as an {@code EXPORT} of the client's information ({@link TrailExports}).
 */
@RestController
@Validated
@Tag(name = "access report", description = "A client's own report of who saw their data")
public class AccessReportController {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm", Locale.ENGLISH);

    private final TrailExports exports;

    public AccessReportController(TrailExports exports) {
        this.exports = exports;
    }

    /** One line of the report, in plain words. */
    public record ReportLine(String when, String agency, String who, String what, String categories,
                             String purpose, String consent, String outcome) {
    }

    /** The whole report. */
    public record AccessReport(String clientId, int records, Map<String, Long> byAgency, List<ReportLine> lines) {
    }

    @GetMapping(value = "/api/clients/{clientId}/access-report", produces = MediaType.APPLICATION_JSON_VALUE)
    @Auditors
    @Operation(summary = "The client's access report (also as a printable page with Accept: text/html)")
    public AccessReport report(@PathVariable UUID clientId) {
        return report(clientId, "the client's access report");
    }

    private AccessReport report(UUID clientId, String what) {
        List<AccessRecordedEvent> records = exports.export(clientId.toString(), what).stream()
                .sorted(Comparator.comparing(AccessRecordedEvent::time)).toList();
        Map<String, Long> byAgency = records.stream().collect(Collectors.groupingBy(AccessRecordedEvent::agency,
                TreeMap::new, Collectors.counting()));
        return new AccessReport(clientId.toString(), records.size(), byAgency,
                records.stream().map(this::line).toList());
    }

    @GetMapping(value = "/api/clients/{clientId}/access-report", produces = MediaType.TEXT_HTML_VALUE)
    @Auditors
    @Operation(summary = "The client's access report as a printable page")
    public ResponseEntity<String> printable(@PathVariable UUID clientId) {
        AccessReport report = report(clientId, "the client's access report, printable");
        StringBuilder html = new StringBuilder("""
                <!doctype html><html lang="en"><head><meta charset="utf-8">
                <title>Who saw your information</title>
                <style>body{font-family:system-ui,sans-serif;margin:2rem;color:#111}table{border-collapse:collapse;
                width:100%}th,td{border:1px solid #999;padding:.3rem .5rem;text-align:left;vertical-align:top}
                th{background:#eee}@media print{body{margin:0}}</style></head><body>
                <h1>Who saw your information</h1>""");
        html.append("<p>Client reference: <strong>").append(HtmlUtils.htmlEscape(report.clientId()))
                .append("</strong>. ")
                .append("This report lists every time a person or an agency's system viewed, received, sent, ")
                .append("held back or erased your information, as recorded in the confidentiality trail (")
                .append(report.records()).append(" records).</p>");
        html.append("<table><caption>Records per agency</caption><tr><th scope=\"col\">Agency</th>")
                .append("<th scope=\"col\">Records</th></tr>");
        report.byAgency().forEach((agency, count) -> html.append("<tr><td>").append(HtmlUtils.htmlEscape(agency))
                .append("</td><td>").append(count).append("</td></tr>"));
        html.append("</table><h2>All records</h2><table><tr>");
        for (String header : List.of("When", "Agency", "Who", "What happened", "Which information", "Why",
                "Consent", "Result")) {
            html.append("<th scope=\"col\">").append(header).append("</th>");
        }
        html.append("</tr>");
        for (ReportLine line : report.lines()) {
            html.append("<tr>");
            for (String cell : List.of(line.when(), line.agency(), line.who(), line.what(), line.categories(),
                    line.purpose(), line.consent(), line.outcome())) {
                html.append("<td>").append(HtmlUtils.htmlEscape(cell)).append("</td>");
            }
            html.append("</tr>");
        }
        html.append("</table></body></html>");
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(html.toString());
    }

    private ReportLine line(AccessRecordedEvent record) {
        String who = record.role() == null ? "the agency's system" : record.userId() + " (" + role(record.role()) + ")";
        String what = switch (record.action()) {
            case VIEW -> "looked at your information";
            case EXPORT -> "exported your information";
            case DISCLOSE -> "sent your information to another agency";
            case RECEIVE -> "received your information from another agency";
            case WITHHOLD -> "did not send your information: your consent did not cover it";
            case ERASE -> "erased your information after your consent ended";
        };
        return new ReportLine(ZonedDateTime.ofInstant(record.time(), ConsentTerms.ZONE).format(WHEN), record.agency(),
                who, what, record.categories().stream().map(Enum::name).sorted().collect(Collectors.joining(", ")),
                record.purpose() == null ? "" : record.purpose().name(),
                String.join(", ", record.consentIds().stream().map(UUID::toString).toList()),
                record.outcome() == AccessOutcome.PERMITTED ? "allowed"
                        : "refused" + (record.reason() == null ? "" : ": " + record.reason()));
    }

    private static String role(String role) {
        return role.toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
