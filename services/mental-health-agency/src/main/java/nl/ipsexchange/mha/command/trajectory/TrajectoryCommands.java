package nl.ipsexchange.mha.command.trajectory;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.BenefitType;
import nl.ipsexchange.kernel.funding.FundingDecidedEvent.Decision;
import nl.ipsexchange.kernel.funding.FundingDecisionReason;

/** The commands of a client's IPS trajectory at the mental health agency (section 3 of the domain brief). */
public final class TrajectoryCommands {

    private TrajectoryCommands() {
    }

    /**
     * Refer a client who wants competitive work; starts a trajectory in an IPS team ({@code team} may be null only
     * when the agency has one). There is no readiness criterion.
     */
    public record ReferClientCommand(@TargetAggregateIdentifier String trajectoryId, String clientId,
                                     BenefitType benefit, Boolean wishesToWork, String jobPreferences,
                                     LocalDate referredOn, String specialist, String team) {
    }

    /** Move a trajectory to another IPS team, with a specialist of that team (or none yet). */
    public record ReassignTrajectoryCommand(@TargetAggregateIdentifier String trajectoryId, String team,
                                            String specialist, LocalDate reassignedOn) {
    }

    public record RecordIntakeSessionCommand(@TargetAggregateIdentifier String trajectoryId, LocalDate date,
                                             BigDecimal hours) {
    }

    public record ApplyForFundingCommand(@TargetAggregateIdentifier String trajectoryId, LocalDate appliedOn) {
    }

    public record RecordEmployerContactCommand(@TargetAggregateIdentifier String trajectoryId, LocalDate date,
                                               String employer) {
    }

    public record StartPlacementCommand(@TargetAggregateIdentifier String trajectoryId, String placementId,
                                        String employer, String jobTitle, boolean competitive,
                                        BigDecimal hoursPerWeek, BigDecimal monthlyGrossWage, LocalDate startDate) {
    }

    public record EndPlacementCommand(@TargetAggregateIdentifier String trajectoryId, String placementId,
                                      LocalDate endDate, String reason) {
    }

    public record RecordJobCoachingCommand(@TargetAggregateIdentifier String trajectoryId, String sessionId,
                                           LocalDate date, BigDecimal hours) {
    }

    /**
     * What the trajectory's funder decided, as its message told it (ADR 46): kept by the funder's sequence number, so
     * that a decision heard again, or after a later one, changes nothing. {@code covenantVersion}: the version an
     * approval pinned at the funder; null when the funder's message named none.
     */
    public record RecordFundingDecisionCommand(@TargetAggregateIdentifier String trajectoryId, Agency funder,
                                               long sequence, Decision decision, LocalDate startDate,
                                               LocalDate decidedOn, FundingDecisionReason reason,
                                               String covenantVersion) {
    }

    public record CloseTrajectoryCommand(@TargetAggregateIdentifier String trajectoryId, LocalDate closedOn,
                                         String reason) {
    }
}
