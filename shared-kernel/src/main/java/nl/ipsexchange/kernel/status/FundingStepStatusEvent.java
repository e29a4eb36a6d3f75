package nl.ipsexchange.kernel.status;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.axonframework.serialization.Revision;

import com.fasterxml.jackson.databind.node.ObjectNode;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.funding.PaymentType;
import nl.ipsexchange.kernel.messaging.IntegrationEvent;
import nl.ipsexchange.kernel.messaging.IntegrationEventType;
import nl.ipsexchange.kernel.messaging.IntegrationEventUpcaster;

/**
 * De-identified status from a funder: a funding decision, or a payment line scheduled or fallen due, with its
 * amount, for the decision makers' measures (funding approved / refused, amounts scheduled / due per funder). The
 * trajectory is named by the funder's own pseudonym of it (a keyed hash only that funder can compute, ADR 36): it
 * links the funder's steps of one trajectory, not them to the mental health agency's steps or to a client.
 */
@IntegrationEventType("FundingStep")
@Revision("2")
public record FundingStepStatusEvent(String trajectoryPseudonym, Agency funder, Step step, LocalDate on,
                                     PaymentType paymentType, BigDecimal amount) implements IntegrationEvent {

    public enum Step {
        APPROVED,
        APPROVAL_REFUSED,
        REJECTED,
        PAYMENT_SCHEDULED,
        PAYMENT_DUE,
        PAYMENT_CANCELLED
    }

    /**
     * Version 1 carried the trajectory's and the client's ids. A receiver cannot pseudonymise them (only the sender
     * holds the key): the trajectory's stays as it was sent, already on the topic; the client's, which no measure
     * reads, is left out of the event. No event sent from version 2 on carries an id (ADR 36).
     */
    public static final class FromVersion1 implements IntegrationEventUpcaster {
        @Override
        public String type() {
            return "FundingStep";
        }

        @Override
        public int fromVersion() {
            return 1;
        }

        @Override
        public ObjectNode upcast(ObjectNode payload) {
            payload.set("trajectoryPseudonym", payload.remove("trajectoryId"));
            payload.remove("clientId");
            return payload;
        }
    }

    @Override
    public String subject() {
        return trajectoryPseudonym;
    }
}
