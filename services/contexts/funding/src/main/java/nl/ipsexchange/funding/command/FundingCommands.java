package nl.ipsexchange.funding.command;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.BenefitType;
import nl.ipsexchange.kernel.fidelity.FidelityBand;
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
     * {@code latestFidelityBand}: the band of the newest review of the trajectory's team, null if none;
     * {@code fidelityRefusal}: why that review cannot open funding (the funder's {@code FidelityGate}: another team,
     * too old, not independent), null when it may.
     */
    public record ApproveFundingCommand(@TargetAggregateIdentifier String applicationId, LocalDate startDate,
                                        FidelityBand latestFidelityBand, LocalDate today, String fidelityRefusal) {

        public ApproveFundingCommand(String applicationId, LocalDate startDate, FidelityBand latestFidelityBand,
                                     LocalDate today) {
            this(applicationId, startDate, latestFidelityBand, today, null);
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
