package nl.ipsexchange.status;

import java.time.Clock;
import java.time.LocalDate;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Cross-agency status for decision makers: de-identified figures only (section 7 of the domain brief), per calendar
 * quarter, small counts suppressed (ADR 53). Another period is a 400 naming the field and the rule.
 */
@RestController
@Tag(name = "status", description = "De-identified cross-agency status for decision makers")
public class StatusController {

    private static final String QUARTER = "The calendar quarter, as yyyy-Qn; without it (and without from and to) the "
            + "current quarter, whose figures are provisional";
    private static final String FROM = "Instead of quarter: a quarter's first day (with to, its last day)";
    private static final String TO = "Instead of quarter: the last day of the quarter from starts";

    private final DeIdentifiedStatus status;
    private final Clock clock;

    public StatusController(DeIdentifiedStatus status, Clock clock) {
        this.status = status;
        this.clock = clock;
    }

    @GetMapping("/api/status/measures")
    @StatusReaders
    @Operation(summary = "The decision makers' measures (section 7) of a calendar quarter, de-identified: a count "
            + "below minimumCount, and any figure that would reveal one, is null and named in suppressed")
    public DeIdentifiedStatus.Measures measures(
            @RequestParam(required = false) @Parameter(description = QUARTER, schema = @Schema(
                    pattern = "^\\d{4}-Q[1-4]$", example = "2026-Q3")) String quarter,
            @RequestParam(required = false) @Parameter(description = FROM)
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @Parameter(description = TO)
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        LocalDate today = LocalDate.now(clock);
        return status.measures(StatusQuarter.requested(quarter, from, to, today), today);
    }

    @GetMapping("/api/status")
    @StatusReaders
    @Operation(summary = "Counts of status events by type that occurred in a calendar quarter (UTC days), "
            + "de-identified as the measures are")
    public DeIdentifiedStatus.Summary summary(
            @RequestParam(required = false) @Parameter(description = QUARTER, schema = @Schema(
                    pattern = "^\\d{4}-Q[1-4]$", example = "2026-Q3")) String quarter,
            @RequestParam(required = false) @Parameter(description = FROM)
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @Parameter(description = TO)
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        LocalDate today = LocalDate.now(clock);
        return status.summary(StatusQuarter.requested(quarter, from, to, today), today);
    }
}
