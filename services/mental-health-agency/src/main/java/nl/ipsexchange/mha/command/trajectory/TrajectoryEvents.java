package nl.ipsexchange.mha.command.trajectory;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.axonframework.serialization.Revision;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.BenefitType;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.funding.FundingDecidedEvent.Decision;
import nl.ipsexchange.kernel.funding.FundingDecisionReason;
import nl.ipsexchange.platform.crypto.PersonalData;

/**
 * The events of a client's IPS trajectory at the mental health agency; refusals that matter are events too. A step
 * the funder hears of names the funder that funding was applied at ({@code funder}, null when none was), and a
 * placement's end names what its start said, so that the relay sends from the event alone. Such a step stored before
 * revision 2 named none of this; it reads with {@code funderInHistory} set ({@link StepsStoredBeforeTheirFunder}), and
 * only for it the relay reads the trajectory's history before the event.
 */
public final class TrajectoryEvents {

    private TrajectoryEvents() {
    }

    /**
     * {@code specialist}: the IPS specialist assigned (null in events recorded before it was; read as unassigned);
     * {@code team}: the IPS team (null in events recorded before revision 2: the agency's default team, ADR 0045).
     */
    @Revision("2")
    @PersonalData(category = DataCategory.EMPLOYMENT, fields = "jobPreferences")
    public record ClientReferredEvent(String trajectoryId, String clientId, BenefitType benefit, LocalDate referredOn,
                                      String jobPreferences, String specialist, String team) {
    }

    /** The trajectory moved to another IPS team, with a specialist of that team (null: none assigned yet). */
    @Revision("1")
    public record TrajectoryReassignedEvent(String trajectoryId, String clientId, String team, String specialist,
                                            LocalDate reassignedOn) {
    }

    @Revision("1")
    public record IntakeSessionRecordedEvent(String trajectoryId, String clientId, int sessionNumber, LocalDate date,
                                             BigDecimal hours, BigDecimal billableHours) {
    }

    /** Hours of a consultation beyond the covenant's maximum of intake hours: not billed to the insurer. */
    @Revision("1")
    public record IntakeHoursRefusedEvent(String trajectoryId, String clientId, int sessionNumber,
                                          BigDecimal refusedHours, String reason) {
    }

    /** A consultation beyond the maximum number of intake consultations. */
    @Revision("1")
    public record IntakeSessionRefusedEvent(String trajectoryId, String clientId, LocalDate date, String reason) {
    }

    /** {@code team}: the trajectory's IPS team when it applied (null in events recorded before revision 2). */
    @Revision("2")
    public record FundingAppliedEvent(String trajectoryId, String clientId, Agency funder, BenefitType benefit,
                                      LocalDate referredOn, LocalDate appliedOn, String team) {
    }

    /** No funder under this covenant (the client has neither benefit). */
    @Revision("1")
    public record FundingApplicationRefusedEvent(String trajectoryId, String clientId, LocalDate appliedOn,
                                                 String reason) {
    }

    @Revision("1")
    @PersonalData(category = DataCategory.EMPLOYMENT, fields = "employer")
    public record EmployerContactRecordedEvent(String trajectoryId, String clientId, LocalDate date, String employer,
                                               boolean first, long daysSinceReferral) {
    }

    @Revision("2")
    @PersonalData(category = DataCategory.EMPLOYMENT, fields = {"employer", "jobTitle", "monthlyGrossWage"})
    public record PlacementStartedEvent(String trajectoryId, String clientId, String placementId, String employer,
                                        String jobTitle, boolean competitive, BigDecimal hoursPerWeek,
                                        BigDecimal monthlyGrossWage, LocalDate startDate, Agency funder,
                                        boolean funderInHistory) {

        public PlacementStartedEvent(String trajectoryId, String clientId, String placementId, String employer,
                                     String jobTitle, boolean competitive, BigDecimal hoursPerWeek,
                                     BigDecimal monthlyGrossWage, LocalDate startDate, Agency funder) {
            this(trajectoryId, clientId, placementId, employer, jobTitle, competitive, hoursPerWeek, monthlyGrossWage,
                    startDate, funder, false);
        }
    }

    /** From {@code competitive} on: as the placement's start said (its wage sealed as there). */
    @Revision("2")
    @PersonalData(category = DataCategory.EMPLOYMENT, fields = {"reason", "monthlyGrossWage"})
    public record PlacementEndedEvent(String trajectoryId, String clientId, String placementId, LocalDate endDate,
                                      String reason, Agency funder, boolean competitive, BigDecimal hoursPerWeek,
                                      BigDecimal monthlyGrossWage, LocalDate startDate, boolean funderInHistory) {

        public PlacementEndedEvent(String trajectoryId, String clientId, String placementId, LocalDate endDate,
                                   String reason, Agency funder, boolean competitive, BigDecimal hoursPerWeek,
                                   BigDecimal monthlyGrossWage, LocalDate startDate) {
            this(trajectoryId, clientId, placementId, endDate, reason, funder, competitive, hoursPerWeek,
                    monthlyGrossWage, startDate, false);
        }
    }

    /**
     * A session of job coaching. Whether the funder hears of it follows the covenant version the trajectory's funding
     * was approved under (ADR 52): {@code covenantVersion} is that version when the approval was known here;
     * {@code awaitingApproval} is set when it was not (applied for, not yet approved): such a session goes to the
     * funder once the approval is known ({@link JobCoachingReleasedEvent}), and never after a rejection. A session
     * stored before revision 3 has neither (version null, not awaiting): it is judged as it was then, by the covenant
     * version in force on its date.
     */
    @Revision("3")
    public record JobCoachingRecordedEvent(String trajectoryId, String clientId, String sessionId, LocalDate date,
                                           BigDecimal hours, Agency funder, boolean funderInHistory,
                                           String covenantVersion, boolean awaitingApproval) {

        /** A session of a trajectory whose funding was approved under {@code covenantVersion} (null: none known). */
        public JobCoachingRecordedEvent(String trajectoryId, String clientId, String sessionId, LocalDate date,
                                        BigDecimal hours, Agency funder, String covenantVersion,
                                        boolean awaitingApproval) {
            this(trajectoryId, clientId, sessionId, date, hours, funder, false, covenantVersion, awaitingApproval);
        }
    }

    /**
     * The funder's decision as its message told it (ADR 46), in the trajectory's own history, so that what follows
     * from it (job coaching to the funder, by the version approved) follows from events. {@code covenantVersion}: for
     * an approval, the version it pinned at the funder, or, when the funder's message named none, the version of its
     * day (ADR 52); null otherwise.
     */
    @Revision("1")
    public record FundingDecisionRecordedEvent(String trajectoryId, String clientId, Agency funder, long sequence,
                                               Decision decision, LocalDate startDate, LocalDate decidedOn,
                                               FundingDecisionReason reason, String covenantVersion) {
    }

    /**
     * A session recorded while the funding awaited its approval, released to the funder once the approval was known,
     * under the version approved (the funder hears of it when that version pays job coaching).
     */
    @Revision("1")
    public record JobCoachingReleasedEvent(String trajectoryId, String clientId, String sessionId, LocalDate date,
                                           BigDecimal hours, Agency funder, String covenantVersion) {
    }

    @Revision("2")
    @PersonalData(category = DataCategory.EMPLOYMENT, fields = "reason")
    public record TrajectoryClosedEvent(String trajectoryId, String clientId, LocalDate closedOn, String reason,
                                        Agency funder, boolean funderInHistory) {

        public TrajectoryClosedEvent(String trajectoryId, String clientId, LocalDate closedOn, String reason,
                                     Agency funder) {
            this(trajectoryId, clientId, closedOn, reason, funder, false);
        }
    }
}
