package nl.ipsexchange.mha.query.trajectory;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.BenefitType;
import nl.ipsexchange.kernel.funding.FundingDecidedEvent.Decision;
import nl.ipsexchange.kernel.funding.FundingDecisionReason;
import nl.ipsexchange.kernel.funding.PaymentLineStatus;
import nl.ipsexchange.kernel.funding.PaymentType;

/**
 * A trajectory as the mental health agency's staff see it; {@code team}: its IPS team (ADR 0045), {@code specialist}:
 * the specialist of that team assigned, null if none.
 *
 * @param fundingStatus   where its funding stands, the funder's decision included (ADR 46)
 * @param fundingDecision what the funder decided; null until the funder's decision arrived
 * @param paymentLines    the funder's payment lines as the funder reported them, by due date
 */
public record TrajectoryView(String trajectoryId, String clientId, BenefitType benefit, Agency funder,
                             LocalDate referredOn, String jobPreferences, int intakeSessions,
                             BigDecimal intakeHoursBilled, LocalDate appliedOn, String fundingRefusal,
                             LocalDate firstEmployerContact, LocalDate closedOn, List<PlacementView> placements,
                             String team, String specialist,
                             @Schema(description = "Where the funding stands, the funder's decision included: "
                                     + "FUNDED from the decision's start date, REJECTED, APPROVAL_REFUSED, APPLIED "
                                     + "(no decision yet), NO_FUNDER or NOT_APPLIED")
                             FundingStatus fundingStatus,
                             @Schema(description = "What the funder decided: its start date and covenant version, or "
                                     + "a coded reason (the funder's own words stay at the funder); absent until the "
                                     + "decision arrived")
                             FundingDecisionView fundingDecision,
                             @Schema(description = "Every line of the funder's payment schedule with its status, as "
                                     + "the funder reported it, by due date")
                             List<PaymentLineView> paymentLines) {

    public boolean isOpen() {
        return closedOn == null;
    }

    /** Where a trajectory's funding stands. */
    public enum FundingStatus {
        NOT_APPLIED,
        /** The client has no funder under the covenant: the application was refused here ({@code fundingRefusal}). */
        NO_FUNDER,
        /** Applied for; the funder has not decided yet. */
        APPLIED,
        /** Approved by the funder, from the decision's start date. */
        FUNDED,
        /** Rejected by the funder's staff. */
        REJECTED,
        /** The funder could not approve it (the fidelity condition, erased details): see the reason code. */
        APPROVAL_REFUSED;

        static FundingStatus of(LocalDate appliedOn, String fundingRefusal, FundingDecisionView decision) {
            if (decision != null) {
                return switch (decision.decision()) {
                    case APPROVED -> FUNDED;
                    case REJECTED -> REJECTED;
                    case APPROVAL_REFUSED -> APPROVAL_REFUSED;
                };
            }
            if (appliedOn != null) {
                return APPLIED;
            }
            return fundingRefusal == null ? NOT_APPLIED : NO_FUNDER;
        }
    }

    /** A job of the client in this trajectory. */
    public record PlacementView(String placementId, String employer, String jobTitle, boolean competitive,
                                BigDecimal hoursPerWeek, BigDecimal monthlyGrossWage, LocalDate startDate,
                                LocalDate endDate) {
    }

    /**
     * The funder's decision.
     *
     * @param startDate       the funding's start date, for an approval
     * @param reasonCode      why not approved; null for an approval (the funder's own words stay at the funder)
     * @param covenantVersion the covenant version an approval is under: its payments and what job coaching the funder
     *                        hears of follow it (ADR 52); null otherwise
     */
    public record FundingDecisionView(Agency funder, Decision decision, LocalDate startDate, LocalDate decidedOn,
                                      FundingDecisionReason reasonCode,
                                      @Schema(description = "The covenant version an approval is under (its payments "
                                              + "and the job coaching sent to the funder follow it); absent "
                                              + "otherwise")
                                      String covenantVersion) {
    }

    /**
     * A line of the funder's payment schedule, in euro.
     *
     * @param type    null only while the funder's scheduling of the line has not arrived
     * @param amount  null only while the funder's scheduling of the line has not arrived
     */
    @Schema(description = "A line of the funder's payment schedule as the funder reported it")
    public record PaymentLineView(String lineId, Agency funder, PaymentType type, BigDecimal amount, LocalDate dueDate,
                                  PaymentLineStatus status, LocalDate paidOn) {
    }
}
