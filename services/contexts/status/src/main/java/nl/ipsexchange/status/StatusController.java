package nl.ipsexchange.status;

import java.time.LocalDate;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import nl.ipsexchange.platform.web.BadRequestException;

/** Cross-agency status for decision makers: de-identified counts only (section 7 of the domain brief). */
@RestController
@Tag(name = "status", description = "De-identified cross-agency status for decision makers")
public class StatusController {

    private final StatusQueries queries;
    private final StatusMeasures measures;

    public StatusController(StatusQueries queries, StatusMeasures measures) {
        this.queries = queries;
        this.measures = measures;
    }

    @GetMapping("/api/status/measures")
    @StatusReaders
    @Operation(summary = "The decision makers' measures (section 7) for a period (inclusive dates), de-identified")
    public StatusMeasures.Measures measures(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        BadRequestException.requireOrderedPeriod(from, to);
        return measures.measures(from, to);
    }

    @GetMapping("/api/status")
    @StatusReaders
    @Operation(summary = "Counts of status events by type, optionally within a period (inclusive dates)")
    public StatusQueries.StatusSummary summary(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        BadRequestException.requireOrderedPeriod(from, to);
        return queries.summary(from, to);
    }
}
