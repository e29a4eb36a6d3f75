package nl.ipsexchange.platform.funding.command;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.axonframework.serialization.Revision;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.BenefitType;
import nl.ipsexchange.kernel.funding.PaymentType;
import nl.ipsexchange.kernel.funding.Placement;

/** Events of a funding application at a funder: decisions, refusals with reasons, and the payment schedule. */
public final class FundingEvents {

    private FundingEvents() {
    }

    @Revision("1")
    public record FundingApplicationReceivedEvent(String applicationId, String clientId, Agency funder,
                                                  BenefitType benefit, LocalDate referredOn, LocalDate appliedOn) {
    }

    @Revision("1")
    public record FundingApprovedEvent(String applicationId, String clientId, LocalDate startDate) {
    }

    /** Approval refused, e.g. because the provider's latest fidelity review is below FAIR. */
    @Revision("1")
    public record FundingApprovalRefusedEvent(String applicationId, String clientId, String reason) {
    }

    @Revision("1")
    public record FundingRejectedEvent(String applicationId, String clientId, String reason) {
    }

    @Revision("1")
    public record PlacementRecordedEvent(String applicationId, String clientId, Placement placement) {
    }

    @Revision("1")
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

    /** A placement that did not earn the bonus, with the reason (e.g. the job ended before the full period). */
    @Revision("1")
    public record PlacementBonusForfeitedEvent(String applicationId, String clientId, String placementId,
                                               String reason) {
    }
}
