package nl.ipsexchange.funding.command;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.BenefitType;
import nl.ipsexchange.kernel.funding.FundingDecisionReason;
import nl.ipsexchange.kernel.funding.Placement;

/** Commands of a funding application at a funder; {@code today} is the funder's date when the command is given. */
public final class FundingCommands {

    private FundingCommands() {
    }

    public record ReceiveFundingApplicationCommand(@TargetAggregateIdentifier String applicationId, String clientId,
                                                   Agency funder, BenefitType benefit, LocalDate referredOn,
                                                   LocalDate appliedOn) {
    }

    /**
     * Approve with a start date, on {@code today}. {@code fidelityRefusal}: why the fidelity condition does not open
     * funding (the funder's {@code FidelityGate}, the one home of that condition: no review of the trajectory's team,
     * too old, not independent, below FAIR), null when it does.
     */
    public record ApproveFundingCommand(@TargetAggregateIdentifier String applicationId, LocalDate startDate,
                                        LocalDate today, FidelityRefusal fidelityRefusal) {

        /** The fidelity condition opens funding. */
        public ApproveFundingCommand(String applicationId, LocalDate startDate, LocalDate today) {
            this(applicationId, startDate, today, null);
        }
    }

    /** Why an approval is refused: the code the mental health agency hears, and the funder's own words for it. */
    public record FidelityRefusal(FundingDecisionReason code, String reason) {

        public FidelityRefusal {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(reason, "reason");
        }
    }

    public record RejectFundingCommand(@TargetAggregateIdentifier String applicationId, String reason) {
    }

    public record RecordPlacementCommand(@TargetAggregateIdentifier String applicationId, Placement placement,
                                         LocalDate today) {
    }

    public record RecordClosureCommand(@TargetAggregateIdentifier String applicationId, LocalDate closedOn,
                                       LocalDate today) {
    }

    public record RecordJobCoachingCommand(@TargetAggregateIdentifier String applicationId, String sessionId,
                                           LocalDate date, BigDecimal hours, LocalDate today) {
    }

    /** The funder paid a line that fell due: on {@code paidOn}, under its own payment {@code reference}. */
    public record RecordPaymentCommand(@TargetAggregateIdentifier String applicationId, String lineId,
                                       LocalDate paidOn, String reference, LocalDate today) {
    }
}
