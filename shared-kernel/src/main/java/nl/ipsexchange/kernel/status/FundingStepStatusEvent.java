package nl.ipsexchange.kernel.status;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.axonframework.serialization.Revision;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.funding.PaymentType;
import nl.ipsexchange.kernel.messaging.IntegrationEvent;
import nl.ipsexchange.kernel.messaging.IntegrationEventType;

/**
 * De-identified status from a funder: a funding decision, or a payment line scheduled or fallen due, with its
 * amount, for the decision makers' measures (funding approved / refused, amounts scheduled / due per funder).
 */
@IntegrationEventType("FundingStep")
@Revision("1")
public record FundingStepStatusEvent(String trajectoryId, String clientId, Agency funder, Step step, LocalDate on,
                                     PaymentType paymentType, BigDecimal amount) implements IntegrationEvent {

    public enum Step {
        APPROVED,
        APPROVAL_REFUSED,
        REJECTED,
        PAYMENT_SCHEDULED,
        PAYMENT_DUE,
        PAYMENT_CANCELLED
    }

    @Override
    public String subject() {
        return clientId;
    }
}
