package nl.ipsexchange.status;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import jakarta.servlet.http.HttpServletResponse;

import nl.ipsexchange.platform.web.FieldProblem;
import nl.ipsexchange.platform.web.InputDates;
import nl.ipsexchange.platform.web.InvalidFieldsException;

/**
 * The decision makers' de-identified status page: the measures and the counts of status events of a calendar
 * quarter, as {@link DeIdentifiedStatus} gives them, with the rule they follow. A period that is not a quarter is
 * this page again with the problem named and what was asked for kept (400).
 */
@Controller
public class StatusPage {

    /** A figure withheld so that no small count can be worked out, or one resting on too few. */
    private static final String NOT_SHOWN = "not shown";

    private final DeIdentifiedStatus status;
    private final Clock clock;

    public StatusPage(DeIdentifiedStatus status, Clock clock) {
        this.status = status;
        this.clock = clock;
    }

    @GetMapping("/status")
    @StatusReaders
    public String status(@RequestParam(required = false) String quarter,
                         @RequestParam(required = false) String from,
                         @RequestParam(required = false) String to, Model model, HttpServletResponse response) {
        LocalDate today = LocalDate.now(clock);
        model.addAttribute("minimumCount", status.minimumCount());
        model.addAttribute("quarterInput", quarter == null ? "" : quarter);
        // a link made before quarters asks with from and to: kept in the form while they are asked for
        model.addAttribute("fromInput", from);
        model.addAttribute("toInput", to);
        List<FieldProblem> problems = new ArrayList<>();
        LocalDate fromDay = date(from, "from", problems);
        LocalDate toDay = date(to, "to", problems);
        StatusQuarter asked = null;
        if (problems.isEmpty()) {
            try {
                asked = StatusQuarter.requested(blank(quarter) ? null : quarter.strip(), fromDay, toDay, today);
            } catch (InvalidFieldsException notAQuarter) {
                problems.addAll(notAQuarter.problems());
            }
        }
        model.addAttribute("problems", problems);
        if (asked == null) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return "status/status";
        }
        DeIdentifiedStatus.Measures measures = status.measures(asked, today);
        DeIdentifiedStatus.Summary summary = status.summary(asked, today);
        model.addAttribute("quarterInput", asked.toString());
        model.addAttribute("measures", measures);
        model.addAttribute("summary", summary);
        model.addAttribute("labels", labels(measures, summary));
        model.addAttribute("max", summary.eventCounts().values().stream().filter(Objects::nonNull)
                .mapToLong(Long::longValue).max().orElse(0));
        model.addAttribute("previous", within(asked.previous()));
        model.addAttribute("next", within(asked.next()));
        return "status/status";
    }

    /** What the page shows instead of each value left out, by its path in the documents. */
    private Map<String, String> labels(DeIdentifiedStatus.Measures measures, DeIdentifiedStatus.Summary summary) {
        Map<String, String> labels = new HashMap<>();
        String fewerThan = "fewer than " + status.minimumCount();
        measures.suppressed().forEach(path -> labels.put(path, measures.fewerThanMinimum().contains(path)
                ? fewerThan : NOT_SHOWN));
        summary.suppressed().forEach(path -> labels.put(path, summary.fewerThanMinimum().contains(path)
                ? fewerThan : NOT_SHOWN));
        return labels;
    }

    /** A quarter to link to, when one may ask for it. */
    private static String within(StatusQuarter quarter) {
        return quarter.year() >= InputDates.EARLIEST.getYear() && quarter.year() <= InputDates.LATEST.getYear()
                ? quarter.toString() : null;
    }

    private static LocalDate date(String text, String field, List<FieldProblem> problems) {
        if (blank(text)) {
            return null;
        }
        try {
            return InputDates.parse(text.strip());
        } catch (DateTimeException notADate) {
            problems.add(new FieldProblem(field, InputDates.EXPECTED));
            return null;
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
