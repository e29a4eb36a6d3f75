package nl.ipsexchange.mha.web;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import nl.ipsexchange.kernel.fidelity.FidelityBand;
import nl.ipsexchange.kernel.fidelity.FidelityScores;
import nl.ipsexchange.mha.command.fidelity.FidelityReviewCommands.RecordFidelityReviewCommand;
import nl.ipsexchange.mha.query.fidelity.FidelityReviewView;
import nl.ipsexchange.mha.query.fidelity.FidelityReviewQueries.FindFidelityReviewsQuery;
import nl.ipsexchange.platform.web.FieldProblem;
import nl.ipsexchange.platform.web.InvalidFieldsException;

/** IPS-25 fidelity reviews of the agency's IPS teams. */
@RestController
@Tag(name = "fidelity reviews", description = "IPS-25 reviews of IPS teams (team-level, shared with the funders)")
public class FidelityReviewController {

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final Clock clock;

    public FidelityReviewController(CommandGateway commands, QueryGateway queries, Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.clock = clock;
    }

    /** The body of {@code POST /api/fidelity-reviews}; items as {@code {ITEM_CODE: 1..5}}, all 25. */
    public record FidelityReviewRequest(
            @NotBlank @Size(max = 200) String team,
            @NotNull LocalDate reviewDate,
            @NotBlank @Size(max = 200) String reviewer,
            @NotBlank @Size(max = 200)
            String reviewerOrganisation,
            @NotBlank @Size(max = 200)
            String trainingOrganisation,
            @NotNull Map<String, Object> items) {
    }

    public record FidelityReviewRecorded(String reviewId, int total, FidelityBand band, boolean independent) {
    }

    @PostMapping("/api/fidelity-reviews")
    @FidelityReviewers
    @Operation(summary = "Record an IPS-25 review (fidelity reviewers only); a missing, unknown or out-of-range item is "
            + "a 400 naming it; independent only if the reviewer's organisation is neither the trainer nor the provider")
    public ResponseEntity<FidelityReviewRecorded> record(@RequestBody FidelityReviewRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        requireText(request.team(), "team", problems);
        requireText(request.reviewer(), "reviewer", problems);
        requireText(request.reviewerOrganisation(), "reviewerOrganisation", problems);
        requireText(request.trainingOrganisation(), "trainingOrganisation", problems);
        if (request.reviewDate() == null) {
            problems.add(new FieldProblem("reviewDate", "is required"));
        } else if (request.reviewDate().isAfter(LocalDate.now(clock))) {
            problems.add(new FieldProblem("reviewDate", "must not be in the future"));
        }
        for (String problem : FidelityScores.check(request.items())) {
            int colon = problem.indexOf(": ");
            problems.add(new FieldProblem(problem.substring(0, colon), problem.substring(colon + 2)));
        }
        if (!problems.isEmpty()) {
            throw new InvalidFieldsException(problems);
        }
        FidelityScores scores = FidelityScores.of(request.items());
        String reviewId = UUID.randomUUID().toString();
        commands.sendAndWait(new RecordFidelityReviewCommand(reviewId, request.team(), request.reviewDate(),
                request.reviewer(), request.reviewerOrganisation(), request.trainingOrganisation(), scores,
                LocalDate.now(clock)));
        FidelityReviewView recorded = reviews(request.team().strip()).stream()
                .filter(view -> view.reviewId().equals(reviewId)).findFirst().orElseThrow();
        return ResponseEntity.created(URI.create("/api/fidelity-reviews/" + reviewId))
                .body(new FidelityReviewRecorded(reviewId, recorded.total(), recorded.band(), recorded.independent()));
    }

    @GetMapping("/api/fidelity-reviews")
    @FidelityReaders
    @Operation(summary = "Fidelity reviews, newest first (same day: last recorded first), optionally of one team")
    public List<FidelityReviewView> list(@RequestParam(required = false) String team) {
        return reviews(team);
    }

    private List<FidelityReviewView> reviews(String team) {
        return queries.query(new FindFidelityReviewsQuery(team),
                ResponseTypes.multipleInstancesOf(FidelityReviewView.class)).join();
    }

    private static void requireText(String value, String field, List<FieldProblem> problems) {
        if (value == null || value.isBlank()) {
            problems.add(new FieldProblem(field, "is required"));
        } else if (value.length() > 200) {
            problems.add(new FieldProblem(field, "must be at most 200 characters"));
        } else if (value.chars().anyMatch(Character::isISOControl)) {
            problems.add(new FieldProblem(field, "must be one line of text (no control characters)"));
        }
    }
}
