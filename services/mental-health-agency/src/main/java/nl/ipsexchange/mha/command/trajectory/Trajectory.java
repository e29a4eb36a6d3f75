package nl.ipsexchange.mha.command.trajectory;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.BenefitType;
import nl.ipsexchange.kernel.RuleViolationException;
import nl.ipsexchange.kernel.funding.FundingDecidedEvent.Decision;
import nl.ipsexchange.kernel.funding.FundingRules;
import nl.ipsexchange.mha.command.trajectory.TrajectoryCommands.ApplyForFundingCommand;
import nl.ipsexchange.mha.command.trajectory.TrajectoryCommands.CloseTrajectoryCommand;
import nl.ipsexchange.mha.command.trajectory.TrajectoryCommands.EndPlacementCommand;
import nl.ipsexchange.mha.command.trajectory.TrajectoryCommands.RecordEmployerContactCommand;
import nl.ipsexchange.mha.command.trajectory.TrajectoryCommands.RecordFundingDecisionCommand;
import nl.ipsexchange.mha.command.trajectory.TrajectoryCommands.RecordIntakeSessionCommand;
import nl.ipsexchange.mha.command.trajectory.TrajectoryCommands.RecordJobCoachingCommand;
import nl.ipsexchange.mha.command.trajectory.TrajectoryCommands.ReassignTrajectoryCommand;
import nl.ipsexchange.mha.command.trajectory.TrajectoryCommands.ReferClientCommand;
import nl.ipsexchange.mha.command.trajectory.TrajectoryCommands.StartPlacementCommand;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.ClientReferredEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.EmployerContactRecordedEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.FundingApplicationRefusedEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.FundingAppliedEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.FundingDecisionRecordedEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.IntakeHoursRefusedEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.IntakeSessionRecordedEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.IntakeSessionRefusedEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.JobCoachingRecordedEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.JobCoachingReleasedEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.PlacementEndedEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.PlacementStartedEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.TrajectoryClosedEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.TrajectoryReassignedEvent;

/**
 * A client's IPS trajectory at the mental health agency: referral (on the client's own wish to work), intake,
 * the funding application and the funder's decision (ADR 52), employer contacts, placements, follow-along job coaching
 * and the close.
 */
@Aggregate
public class Trajectory {

    /** At most 8 intake consultations (section 3). */
    public static final int MAX_INTAKE_SESSIONS = 8;
    /** A placement's hours per week at most (text, so that the API's validation can name the same bound). */
    public static final String MAX_HOURS_PER_WEEK = "80";

    @AggregateIdentifier
    private String trajectoryId;
    private String clientId;
    private BenefitType benefit;
    private LocalDate referredOn;
    /** The IPS team (null: stored before trajectories named one, the default team) and its specialist assigned. */
    private String team;
    private String specialist;
    private int intakeSessions;
    private BigDecimal billedIntakeHours = BigDecimal.ZERO;
    /** The funder that funding was applied at; the steps it hears of name it. */
    private Agency funder;
    private boolean anyEmployerContact;
    private final Map<String, PlacementStartedEvent> placements = new HashMap<>();
    private final Set<String> endedPlacements = new HashSet<>();
    private final Set<String> coachingSessions = new HashSet<>();
    /** The funder's latest decision heard (its sequence number; -1: none) and the version an approval is under. */
    private long decisionSequence = -1;
    private String approvedUnder;
    /** Sessions of job coaching recorded before the approval was known here, in the order recorded. */
    private final Map<String, JobCoachingRecordedEvent> awaitingApproval = new LinkedHashMap<>();
    private LocalDate closedOn;

    protected Trajectory() {
        // for Axon
    }

    /** Outcome of an intake consultation: what is billed, what is refused and why. */
    public record IntakeOutcome(boolean recorded, int sessionNumber, BigDecimal billableHours,
                                BigDecimal refusedHours, String reason) {
    }

    /** Outcome of a funding application: the funder it went to, or why there is none. */
    public record FundingOutcome(Agency funder, String refusal) {
    }

    /** The team is one of the agency's ({@link IpsTeams}), and a specialist assigned is one of that team's. */
    @CommandHandler
    public Trajectory(ReferClientCommand command, IpsTeams teams) {
        if (!Boolean.TRUE.equals(command.wishesToWork())) {
            throw RuleViolationException.refused(
                    "wishesToWork: a referral needs the client's own wish to work (zero exclusion, no readiness test)");
        }
        IpsTeams.Team chosen = teams.chosen(command.team());
        apply(new ClientReferredEvent(command.trajectoryId(), command.clientId(), command.benefit(),
                command.referredOn(), command.jobPreferences() == null ? "" : command.jobPreferences().strip(),
                teams.specialistIn(chosen, command.specialist()), chosen.name()));
    }

    /** To another team, with one of its specialists or none; the same team and specialist again changes nothing. */
    @CommandHandler
    public void handle(ReassignTrajectoryCommand command, IpsTeams teams) {
        requireOpen();
        IpsTeams.Team chosen = teams.team(command.team()).orElseThrow(() -> RuleViolationException.invalid(
                "team: " + (command.team() == null || command.team().isBlank() ? "is required"
                        : command.team().strip() + " is not one of the agency's IPS teams")));
        String assigned = teams.specialistIn(chosen, command.specialist());
        if (chosen.name().equals(teams.teamOf(team)) && Objects.equals(assigned, specialist)) {
            return;
        }
        apply(new TrajectoryReassignedEvent(trajectoryId, clientId, chosen.name(), assigned, command.reassignedOn()));
    }

    /** The intake hours funded per client at most are the covenant's ({@code ips.funding.agreement}, section 4). */
    @CommandHandler
    public IntakeOutcome handle(RecordIntakeSessionCommand command, FundingRules rules) {
        requireOpen();
        requireOnOrAfterReferral(command.date(), "date");
        positive(command.hours(), "hours");
        if (intakeSessions >= MAX_INTAKE_SESSIONS) {
            String reason = "at most " + MAX_INTAKE_SESSIONS + " intake consultations per trajectory";
            apply(new IntakeSessionRefusedEvent(trajectoryId, clientId, command.date(), reason));
            return new IntakeOutcome(false, 0, BigDecimal.ZERO, command.hours(), reason);
        }
        int number = intakeSessions + 1;
        BigDecimal maxHours = rules.intakeMaxHours();
        BigDecimal room = maxHours.subtract(billedIntakeHours).max(BigDecimal.ZERO);
        BigDecimal billable = command.hours().min(room);
        BigDecimal refused = command.hours().subtract(billable);
        apply(new IntakeSessionRecordedEvent(trajectoryId, clientId, number, command.date(), command.hours(),
                billable));
        String reason = null;
        if (refused.signum() > 0) {
            reason = "the insurer funds at most " + maxHours.toPlainString() + " intake hours per client";
            apply(new IntakeHoursRefusedEvent(trajectoryId, clientId, number, refused, reason));
        }
        return new IntakeOutcome(true, number, billable, refused, reason);
    }

    @CommandHandler
    public FundingOutcome handle(ApplyForFundingCommand command, IpsTeams teams) {
        requireOpen();
        if (funder != null) {
            throw RuleViolationException.conflict("funding was already applied for in this trajectory");
        }
        Agency funderOfBenefit = benefit.funder().orElse(null);
        if (funderOfBenefit == null) {
            String reason = "the client has neither social assistance nor a disability benefit: "
                    + "there is no funder under this covenant";
            apply(new FundingApplicationRefusedEvent(trajectoryId, clientId, command.appliedOn(), reason));
            return new FundingOutcome(null, reason);
        }
        apply(new FundingAppliedEvent(trajectoryId, clientId, funderOfBenefit, benefit, referredOn,
                command.appliedOn(), teams.teamOf(team)));
        return new FundingOutcome(funderOfBenefit, null);
    }

    @CommandHandler
    public void handle(RecordEmployerContactCommand command) {
        requireOpen();
        requireOnOrAfterReferral(command.date(), "date");
        requireText(command.employer(), "employer");
        apply(new EmployerContactRecordedEvent(trajectoryId, clientId, command.date(), command.employer().strip(),
                !anyEmployerContact, ChronoUnit.DAYS.between(referredOn, command.date())));
    }

    @CommandHandler
    public void handle(StartPlacementCommand command) {
        requireOpen();
        requireOnOrAfterReferral(command.startDate(), "startDate");
        positive(command.hoursPerWeek(), "hoursPerWeek");
        if (command.hoursPerWeek().compareTo(new BigDecimal(MAX_HOURS_PER_WEEK)) > 0) {
            throw RuleViolationException.invalid("hoursPerWeek: must be at most " + MAX_HOURS_PER_WEEK);
        }
        if (command.monthlyGrossWage() == null || command.monthlyGrossWage().signum() < 0) {
            throw RuleViolationException.invalid("monthlyGrossWage: must be zero or more");
        }
        requireText(command.employer(), "employer");
        requireText(command.jobTitle(), "jobTitle");
        if (placements.containsKey(command.placementId())) {
            throw RuleViolationException.conflict("placement " + command.placementId() + " already exists");
        }
        apply(new PlacementStartedEvent(trajectoryId, clientId, command.placementId(), command.employer().strip(),
                command.jobTitle().strip(), command.competitive(), command.hoursPerWeek(),
                command.monthlyGrossWage(), command.startDate(), funder));
    }

    @CommandHandler
    public void handle(EndPlacementCommand command) {
        PlacementStartedEvent started = placements.get(command.placementId());
        if (started == null) {
            throw new RuleViolationException(RuleViolationException.Kind.NOT_FOUND,
                    "this trajectory has no placement " + command.placementId());
        }
        if (endedPlacements.contains(command.placementId())) {
            throw RuleViolationException.conflict("placement " + command.placementId() + " has already ended");
        }
        if (command.endDate() == null || command.endDate().isBefore(started.startDate())) {
            throw RuleViolationException.invalid("endDate: must not be before the placement's start date");
        }
        apply(new PlacementEndedEvent(trajectoryId, clientId, command.placementId(), command.endDate(),
                command.reason(), funder, started.competitive(), started.hoursPerWeek(), started.monthlyGrossWage(),
                started.startDate()));
    }

    @CommandHandler
    public void handle(RecordJobCoachingCommand command) {
        requireOpen();
        requireOnOrAfterReferral(command.date(), "date");
        positive(command.hours(), "hours");
        if (coachingSessions.contains(command.sessionId())) {
            throw RuleViolationException.conflict("job-coaching session " + command.sessionId() + " already exists");
        }
        // the funder hears of it by the version its funding was approved under; until the approval is known here, it
        // waits for it
        apply(new JobCoachingRecordedEvent(trajectoryId, clientId, command.sessionId(), command.date(),
                command.hours(), funder, approvedUnder, funder != null && approvedUnder == null));
    }

    /**
     * Keeps the funder's decision in the trajectory's history, the latest by the funder's sequence number; an
     * approval releases the sessions of job coaching that awaited it, under the version approved. An approval whose
     * message named no version (sent before approvals pinned one) is under the version of its day in the covenant
     * this agency has, as the funder decides such an approval's terms.
     */
    @CommandHandler
    public void handle(RecordFundingDecisionCommand command, FundingRules covenant) {
        if (command.sequence() <= decisionSequence) {
            return; // heard again, or after a later decision: changes nothing
        }
        String version = null;
        if (command.decision() == Decision.APPROVED) {
            version = command.covenantVersion() != null ? command.covenantVersion()
                    : covenant.agreement().versionOfAnApprovalOn(command.decidedOn()).version();
        }
        apply(new FundingDecisionRecordedEvent(trajectoryId, clientId, command.funder(), command.sequence(),
                command.decision(), command.startDate(), command.decidedOn(), command.reason(), version));
        if (command.decision() == Decision.APPROVED) {
            for (JobCoachingRecordedEvent session : List.copyOf(awaitingApproval.values())) {
                apply(new JobCoachingReleasedEvent(trajectoryId, clientId, session.sessionId(), session.date(),
                        session.hours(), session.funder(), version));
            }
        }
    }

    @CommandHandler
    public void handle(CloseTrajectoryCommand command) {
        requireOpen();
        requireOnOrAfterReferral(command.closedOn(), "date");
        apply(new TrajectoryClosedEvent(trajectoryId, clientId, command.closedOn(), command.reason(), funder));
    }

    private void requireOpen() {
        if (closedOn != null) {
            throw RuleViolationException.conflict("the trajectory was closed on " + closedOn);
        }
    }

    private void requireOnOrAfterReferral(LocalDate date, String field) {
        if (date == null || date.isBefore(referredOn)) {
            throw RuleViolationException.invalid(field + ": must not be before the referral (" + referredOn + ")");
        }
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw RuleViolationException.invalid(field + ": is required");
        }
    }

    private static void positive(BigDecimal value, String field) {
        if (value == null || value.signum() <= 0) {
            throw RuleViolationException.invalid(field + ": must be more than zero");
        }
    }

    @EventSourcingHandler
    void on(ClientReferredEvent event) {
        trajectoryId = event.trajectoryId();
        clientId = event.clientId();
        benefit = event.benefit();
        referredOn = event.referredOn();
        team = event.team();
        specialist = event.specialist();
    }

    @EventSourcingHandler
    void on(TrajectoryReassignedEvent event) {
        team = event.team();
        specialist = event.specialist();
    }

    @EventSourcingHandler
    void on(IntakeSessionRecordedEvent event) {
        intakeSessions = event.sessionNumber();
        billedIntakeHours = billedIntakeHours.add(event.billableHours());
    }

    @EventSourcingHandler
    void on(FundingAppliedEvent event) {
        funder = event.funder();
    }

    @EventSourcingHandler
    void on(EmployerContactRecordedEvent event) {
        anyEmployerContact = true;
    }

    @EventSourcingHandler
    void on(PlacementStartedEvent event) {
        placements.put(event.placementId(), event);
    }

    @EventSourcingHandler
    void on(PlacementEndedEvent event) {
        endedPlacements.add(event.placementId());
    }

    @EventSourcingHandler
    void on(JobCoachingRecordedEvent event) {
        coachingSessions.add(event.sessionId());
        if (event.awaitingApproval()) {
            awaitingApproval.put(event.sessionId(), event);
        }
    }

    @EventSourcingHandler
    void on(FundingDecisionRecordedEvent event) {
        decisionSequence = event.sequence();
        if (event.decision() == Decision.APPROVED) {
            approvedUnder = event.covenantVersion();
        }
    }

    @EventSourcingHandler
    void on(JobCoachingReleasedEvent event) {
        awaitingApproval.remove(event.sessionId());
    }

    @EventSourcingHandler
    void on(TrajectoryClosedEvent event) {
        closedOn = event.closedOn();
    }
}
