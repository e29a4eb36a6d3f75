package nl.ipsexchange.funding.command;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.axonframework.serialization.Revision;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.BenefitType;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.funding.FunderTerms;
import nl.ipsexchange.kernel.funding.FundingDecisionReason;
import nl.ipsexchange.kernel.funding.PaymentType;
import nl.ipsexchange.kernel.funding.Placement;
import nl.ipsexchange.platform.crypto.PersonalData;

/**
 * Events of a funding application at a funder: decisions, refusals with reasons, and the payment schedule. What the
 * mental health agency sent about the client (benefit, dates, placements, closure) is {@link PersonalData}: stored
 * encrypted under the client's key for its category, and null once the client's consent ended and the key was
 * destroyed (revision 2; revision 1 stored it plain). The payment lines are the funder's own accounting.
 */
public final class FundingEvents {

    private FundingEvents() {
    }

    /** {@code benefit}, {@code referredOn} and {@code appliedOn} are null once erased. */
    @Revision("2")
    @PersonalData(category = DataCategory.BENEFITS, fields = {"benefit", "referredOn", "appliedOn"})
    public record FundingApplicationReceivedEvent(String applicationId, String clientId, Agency funder,
                                                  BenefitType benefit, LocalDate referredOn, LocalDate appliedOn) {
    }

    /**
     * {@code terms}: the funder's part of the covenant version in force on the day of the decision, pinned for the
     * trajectory's whole schedule (ADR 48). Revision 1 had none: such an approval reads with {@code terms} null, and
     * the aggregate pins the terms in force then with a {@link CovenantTermsPinnedEvent} at its next fact.
     */
    @Revision("2")
    public record FundingApprovedEvent(String applicationId, String clientId, LocalDate startDate,
                                       FunderTerms terms) {

        /** An approval as stored before approvals pinned their terms (revision 1). */
        public FundingApprovedEvent(String applicationId, String clientId, LocalDate startDate) {
            this(applicationId, clientId, startDate, null);
        }
    }

    /**
     * The terms an approval stored without them (revision 1 of {@link FundingApprovedEvent}) keeps from now on: those
     * in force when its schedule was first worked out again after the upgrade, the same its lines were computed by
     * until then unless the covenant changed at the upgrade (ADR 48).
     */
    @Revision("1")
    public record CovenantTermsPinnedEvent(String applicationId, FunderTerms terms) {
    }

    /**
     * Approval refused, e.g. because the newest fidelity review of the trajectory's team is below FAIR: {@code code} is
     * why, as the rule that refused names it (what the mental health agency hears), {@code reason} the funder's words.
     * Revision 1 had words only: stored so, it reads with the code its words stand for
     * ({@code StoredRefusalsWithoutCode}).
     */
    @Revision("2")
    public record FundingApprovalRefusedEvent(String applicationId, String clientId, String reason,
                                              FundingDecisionReason code) {
    }

    @Revision("1")
    public record FundingRejectedEvent(String applicationId, String clientId, String reason) {
    }

    /**
     * {@code placement} is null once erased; its id stays. Revision 1 had no {@code placementId} of its own: read
     * from stored JSON of revision 1, it is taken from the placement.
     */
    @Revision("2")
    @PersonalData(category = DataCategory.EMPLOYMENT, fields = "placement")
    public record PlacementRecordedEvent(String applicationId, String clientId, String placementId,
                                         Placement placement) {

        public PlacementRecordedEvent {
            if (placementId == null && placement != null) {
                placementId = placement.placementId();
            }
        }

        public PlacementRecordedEvent(String applicationId, String clientId, Placement placement) {
            this(applicationId, clientId, placement.placementId(), placement);
        }
    }

    /** {@code closedOn} is null once erased. */
    @Revision("2")
    @PersonalData(category = DataCategory.BENEFITS, fields = "closedOn")
    public record ClosureRecordedEvent(String applicationId, String clientId, LocalDate closedOn) {
    }

    /** A line of the payment schedule; {@code lineId} is unique in the schedule, so it is never scheduled twice. */
    @Revision("1")
    public record PaymentScheduledEvent(String applicationId, String clientId, String lineId, PaymentType type,
                                        BigDecimal amount, LocalDate dueDate) {
    }

    @Revision("1")
    public record PaymentFellDueEvent(String applicationId, String lineId) {
    }

    @Revision("1")
    public record PaymentRescheduledEvent(String applicationId, String lineId, LocalDate dueDate) {
    }

    @Revision("1")
    public record PaymentCancelledEvent(String applicationId, String lineId, String reason) {
    }

    /** A job-coaching session the funder pays for, as a fact: its line follows from it once funding is approved. */
    @Revision("1")
    @PersonalData(category = DataCategory.EMPLOYMENT, fields = {"date", "hours"})
    public record JobCoachingSessionRecordedEvent(String applicationId, String clientId, String sessionId,
                                                  LocalDate date, BigDecimal hours) {
    }

    /** The funder paid a line: {@code amount} is the line's, so a statement adds up from the events alone. */
    @Revision("1")
    public record PaymentRecordedEvent(String applicationId, String clientId, String lineId, PaymentType type,
                                       BigDecimal amount, LocalDate paidOn, String reference) {
    }

    /**
     * A paid line that the facts no longer support (a close or a job's end recorded after it was paid): never
     * rewritten, it gets a correction line of its own, {@code amount} negative, owed back from {@code dueDate}.
     */
    @Revision("1")
    public record PaymentCorrectedEvent(String applicationId, String clientId, String lineId, String correctedLineId,
                                        PaymentType type, BigDecimal amount, LocalDate dueDate, String reason) {
    }

    /**
     * A placement that did not earn the bonus, with the reason (e.g. the job ended before the full period, or its
     * details were erased); the reason names the placement's dates, so it is personal data (null once erased).
     */
    @Revision("2")
    @PersonalData(category = DataCategory.EMPLOYMENT, fields = "reason")
    public record PlacementBonusForfeitedEvent(String applicationId, String clientId, String placementId,
                                               String reason) {
    }
}
