package nl.ipsexchange.status;

import java.time.LocalDate;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The decision makers' de-identified status page: the measures and the counts of status events for a period. */
@Controller
public class StatusPage {

    private final StatusQueries status;
    private final StatusMeasures measures;

    public StatusPage(StatusQueries status, StatusMeasures measures) {
        this.status = status;
        this.measures = measures;
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
        return "status/status";
    }
}
