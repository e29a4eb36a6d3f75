package nl.ipsexchange.mha.web;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.RuleViolationException;
import nl.ipsexchange.kernel.security.Role;
import nl.ipsexchange.mha.command.trajectory.IpsTeams;
import nl.ipsexchange.mha.command.trajectory.Trajectory;
import nl.ipsexchange.mha.command.trajectory.TrajectoryCommands.ApplyForFundingCommand;
import nl.ipsexchange.mha.command.trajectory.TrajectoryCommands.CloseTrajectoryCommand;
import nl.ipsexchange.mha.command.trajectory.TrajectoryCommands.EndPlacementCommand;
import nl.ipsexchange.mha.command.trajectory.TrajectoryCommands.RecordEmployerContactCommand;
import nl.ipsexchange.mha.command.trajectory.TrajectoryCommands.RecordIntakeSessionCommand;
import nl.ipsexchange.mha.command.trajectory.TrajectoryCommands.RecordJobCoachingCommand;
import nl.ipsexchange.mha.command.trajectory.TrajectoryCommands.ReassignTrajectoryCommand;
import nl.ipsexchange.mha.command.trajectory.TrajectoryCommands.ReferClientCommand;
import nl.ipsexchange.mha.command.trajectory.TrajectoryCommands.StartPlacementCommand;
import nl.ipsexchange.mha.messaging.ConsentGate;
import nl.ipsexchange.mha.query.client.ClientDataReader;
import nl.ipsexchange.mha.query.client.ClientView;
import nl.ipsexchange.mha.query.trajectory.TrajectoryQueries.FindOpenTrajectoryOfClientQuery;
import nl.ipsexchange.mha.query.trajectory.TrajectoryQueries.FindTrajectoryQuery;
import nl.ipsexchange.mha.query.trajectory.TrajectoryView;
import nl.ipsexchange.platform.security.CurrentUser;
import nl.ipsexchange.platform.web.NotFoundException;

/** The IPS trajectory: referral, intake, funding application, job search, placements, coaching, close. */
@RestController
@Tag(name = "trajectories", description = "A client's IPS trajectory at the mental health agency")
public class TrajectoryController {

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final ClientDataReader clients;
    private final ConsentGate gate;
    private final Clock clock;
    private final IpsTeams teams;

    public TrajectoryController(CommandGateway commands, QueryGateway queries, ClientDataReader clients,
                                ConsentGate gate, Clock clock, IpsTeams teams) {
        this.teams = teams;
        this.commands = commands;
        this.queries = queries;
        this.clients = clients;
        this.gate = gate;
        this.clock = clock;
    }

    /** {@code referredOn}: the effective date of the referral (default today; a referral may be recorded later). */
    public record ReferralRequest(@NotNull(message = "is required") UUID clientId, Boolean wishesToWork,
                                  @Size(max = 2000, message = "must be at most 2000 characters")
                                  String jobPreferences,
                                  @PastOrPresent(message = "must not be in the future")
                                  LocalDate referredOn,
                                  @Size(max = 100, message = "must be at most 100 characters") String specialist,
                                  @Size(max = 200, message = "must be at most 200 characters") String team) {
    }

    /** The body of a reassignment: the new team (required) and one of its specialists (none: unassigned). */
    public record ReassignRequest(@NotBlank(message = "is required")
                                  @Size(max = 200, message = "must be at most 200 characters") String team,
                                  @Size(max = 100, message = "must be at most 100 characters") String specialist) {
    }

    /** A team of the agency and its specialists. */
    public record TeamView(String name, List<String> specialists, boolean defaultTeam) {
    }

    public record Referred(String trajectoryId) {
    }

    /** The body of a funding application: {@code {}} or none; the application is built from the trajectory. */
    public record FundingApplicationRequest() {
    }

    public record IntakeSessionRequest(@NotNull(message = "is required") LocalDate date,
                                       @NotNull(message = "is required")
                                       @DecimalMin(value = "0.25", message = "must be at least 0.25")
                                       @DecimalMax(value = "8", message = "must be at most 8")
                                       @Digits(integer = 1, fraction = 2, message = "must have at most 2 decimals")
                                       BigDecimal hours) {
    }

    public record EmployerContactRequest(@NotNull(message = "is required") LocalDate date,
                                         @NotBlank(message = "is required")
                                         @Size(max = 200, message = "must be at most 200 characters")
                                         String employer) {
    }

    public record PlacementRequest(
            @NotBlank(message = "is required") @Size(max = 200, message = "must be at most 200 characters")
            String employer,
            @NotBlank(message = "is required") @Size(max = 200, message = "must be at most 200 characters")
            String jobTitle,
            @NotNull(message = "is required") Boolean competitive,
            @NotNull(message = "is required") @DecimalMin(value = "0.5", message = "must be at least 0.5")
            @DecimalMax(value = Trajectory.MAX_HOURS_PER_WEEK, message = "must be at most "
                    + Trajectory.MAX_HOURS_PER_WEEK)
            @Digits(integer = 2, fraction = 2, message = "must have at most 2 decimals") BigDecimal hoursPerWeek,
            @NotNull(message = "is required") @DecimalMin(value = "0", message = "must not be negative")
            @Digits(integer = 7, fraction = 2, message = "must be euro, at most 9999999.99, with at most 2 decimals")
            BigDecimal monthlyGrossWage,
            @NotNull(message = "is required") LocalDate startDate) {
    }

    public record Placed(String placementId) {
    }

    public record EndPlacementRequest(@NotNull(message = "is required") LocalDate endDate,
                                      @Size(max = 500, message = "must be at most 500 characters") String reason) {
    }

    public record JobCoachingRequest(@NotNull(message = "is required") LocalDate date,
                                     @NotNull(message = "is required")
                                     @DecimalMin(value = "0.25", message = "must be at least 0.25")
                                     @DecimalMax(value = "24", message = "must be at most 24")
                                     @Digits(integer = 2, fraction = 2, message = "must have at most 2 decimals")
                                     BigDecimal hours) {
    }

    public record CloseRequest(@NotNull(message = "is required") LocalDate date,
                               @Size(max = 500, message = "must be at most 500 characters") String reason) {
    }

    @PostMapping("/api/referrals")
    @Staff
    @Operation(summary = "Refer a client who wants competitive work (wishesToWork must be true); starts a trajectory "
            + "in an IPS team: team is required when the agency has several (400 naming team), else that one")
    public ResponseEntity<Referred> refer(@Valid @RequestBody ReferralRequest request) {
        ClientView client = clients.client(request.clientId().toString())
                .orElseThrow(() -> new NotFoundException("no client " + request.clientId()));
        Optional<TrajectoryView> open = queries.query(new FindOpenTrajectoryOfClientQuery(client.clientId()),
                ResponseTypes.optionalInstanceOf(TrajectoryView.class)).join();
        if (open.isPresent()) {
            throw RuleViolationException.conflict("the client already has an open trajectory "
                    + open.get().trajectoryId());
        }
        String trajectoryId = UUID.randomUUID().toString();
        // a specialist who refers is assigned when they work in the team chosen
        String self = CurrentUser.role() == Role.IPS_SPECIALIST ? CurrentUser.actor().userId() : null;
        String specialist = request.specialist() != null ? request.specialist()
                : self != null && teams.named(request.team()).filter(team -> team.hasSpecialist(self)).isPresent()
                        ? self : null;
        commands.sendAndWait(new ReferClientCommand(trajectoryId, client.clientId(), client.benefit(),
                request.wishesToWork(),
                request.jobPreferences(), request.referredOn() == null ? LocalDate.now(clock) : request.referredOn(),
                specialist, request.team()));
        return ResponseEntity.created(URI.create("/api/trajectories/" + trajectoryId)).body(new Referred(trajectoryId));
    }

    @GetMapping("/api/trajectories/{trajectoryId}")
    @Staff
    @Operation(summary = "A trajectory with its placements, and its funding as the funder reported it: the decision "
            + "(start date or coded reason) and every payment line with its status")
    public TrajectoryView get(@PathVariable UUID trajectoryId) {
        return trajectory(trajectoryId);
    }

    @PutMapping("/api/trajectories/{trajectoryId}/team")
    @Staff
    @Operation(summary = "Move the trajectory to another IPS team, with one of its specialists or none; 400 naming "
            + "team or specialist when the team is unknown or the specialist is not one of its")
    public TrajectoryView reassign(@PathVariable UUID trajectoryId, @Valid @RequestBody ReassignRequest request) {
        trajectory(trajectoryId);
        commands.sendAndWait(new ReassignTrajectoryCommand(trajectoryId.toString(), request.team(),
                request.specialist(), LocalDate.now(clock)));
        return trajectory(trajectoryId);
    }

    @GetMapping("/api/teams")
    @TeamReaders
    @Operation(summary = "The agency's IPS teams and their specialists (a referral names one when there are several)")
    public List<TeamView> teams() {
        String defaultTeam = teams.teamOf(null);
        return teams.teams().stream().map(team -> new TeamView(team.name(), team.specialists(),
                team.name().equals(defaultTeam))).toList();
    }

    @PostMapping("/api/trajectories/{trajectoryId}/intake-sessions")
    @Staff
    @Operation(summary = "Record an intake consultation: at most 8, at most 8 hours billed to the insurer")
    public ResponseEntity<Trajectory.IntakeOutcome> intake(@PathVariable UUID trajectoryId,
                                                           @Valid @RequestBody IntakeSessionRequest request) {
        trajectory(trajectoryId);
        Trajectory.IntakeOutcome outcome = commands.sendAndWait(new RecordIntakeSessionCommand(
                trajectoryId.toString(), request.date(), request.hours()));
        if (!outcome.recorded()) {
            throw RuleViolationException.refused(outcome.reason());
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(outcome);
    }

    @PostMapping("/api/trajectories/{trajectoryId}/funding-application")
    @Staff
    @Operation(summary = "Apply for IPS funding at the client's funder (sent through the consent gate)")
    public ResponseEntity<Map<String, String>> applyForFunding(@PathVariable UUID trajectoryId,
                                                               @RequestBody(required = false)
                                                               FundingApplicationRequest body) {
        TrajectoryView trajectory = trajectory(trajectoryId);
        // without a funder the aggregate records the refusal with its reason
        trajectory.benefit().funder().ifPresent(funder -> requireConsent(trajectory, funder));
        Trajectory.FundingOutcome outcome = commands.sendAndWait(new ApplyForFundingCommand(trajectoryId.toString(),
                LocalDate.now(clock)));
        if (outcome.funder() == null) {
            throw RuleViolationException.refused(outcome.refusal());
        }
        return ResponseEntity.accepted().body(Map.of("funder", outcome.funder().name(), "status", "SENT"));
    }

    @PostMapping("/api/trajectories/{trajectoryId}/employer-contacts")
    @Staff
    @Operation(summary = "Record a face-to-face employer contact")
    public ResponseEntity<Void> employerContact(@PathVariable UUID trajectoryId,
                                                @Valid @RequestBody EmployerContactRequest request) {
        trajectory(trajectoryId);
        commands.sendAndWait(new RecordEmployerContactCommand(trajectoryId.toString(), request.date(),
                request.employer()));
        return ResponseEntity.status(HttpStatus.CREATED).build();
    }

    @PostMapping("/api/trajectories/{trajectoryId}/placements")
    @Staff
    @Operation(summary = "Record a job start (dates are the effective dates: it may have started last week)")
    public ResponseEntity<Placed> startPlacement(@PathVariable UUID trajectoryId,
                                                 @Valid @RequestBody PlacementRequest request) {
        trajectory(trajectoryId);
        String placementId = UUID.randomUUID().toString();
        commands.sendAndWait(new StartPlacementCommand(trajectoryId.toString(), placementId, request.employer(),
                request.jobTitle(), request.competitive(), request.hoursPerWeek(), request.monthlyGrossWage(),
                request.startDate()));
        return ResponseEntity.status(HttpStatus.CREATED).body(new Placed(placementId));
    }

    @PostMapping("/api/trajectories/{trajectoryId}/placements/{placementId}/end")
    @Staff
    @Operation(summary = "Record the end of a job")
    public ResponseEntity<Void> endPlacement(@PathVariable UUID trajectoryId, @PathVariable UUID placementId,
                                             @Valid @RequestBody EndPlacementRequest request) {
        trajectory(trajectoryId);
        commands.sendAndWait(new EndPlacementCommand(trajectoryId.toString(), placementId.toString(),
                request.endDate(), request.reason()));
        return ResponseEntity.ok().build();
    }

    @PostMapping("/api/trajectories/{trajectoryId}/job-coaching")
    @Staff
    @Operation(summary = "Record job-coaching hours of follow-along support (sent to the funder when the covenant "
            + "version the funding was approved under pays job coaching; before the approval is known, once it is)")
    public ResponseEntity<Map<String, String>> jobCoaching(@PathVariable UUID trajectoryId,
                                                           @Valid @RequestBody JobCoachingRequest request) {
        trajectory(trajectoryId);
        String sessionId = UUID.randomUUID().toString();
        commands.sendAndWait(new RecordJobCoachingCommand(trajectoryId.toString(), sessionId, request.date(),
                request.hours()));
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("sessionId", sessionId));
    }

    @PostMapping("/api/trajectories/{trajectoryId}/close")
    @Staff
    @Operation(summary = "Close the trajectory")
    public ResponseEntity<Void> close(@PathVariable UUID trajectoryId, @Valid @RequestBody CloseRequest request) {
        trajectory(trajectoryId);
        commands.sendAndWait(new CloseTrajectoryCommand(trajectoryId.toString(), request.date(), request.reason()));
        return ResponseEntity.ok().build();
    }

    private void requireConsent(TrajectoryView trajectory, Agency funder) {
        if (!gate.permitted(trajectory.clientId(), funder, Purpose.FUNDING_DECISION, DataCategory.BENEFITS)) {
            throw RuleViolationException.refused("the client has not consented to share " + DataCategory.BENEFITS
                    + " with " + funder + " for " + Purpose.FUNDING_DECISION + ": give that consent first");
        }
    }

    private TrajectoryView trajectory(UUID trajectoryId) {
        return queries.query(new FindTrajectoryQuery(trajectoryId.toString()),
                ResponseTypes.optionalInstanceOf(TrajectoryView.class)).join()
                .orElseThrow(() -> new NotFoundException("no trajectory " + trajectoryId));
    }
}
