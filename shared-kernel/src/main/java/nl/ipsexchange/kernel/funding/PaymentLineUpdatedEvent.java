package nl.ipsexchange.kernel.funding;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.axonframework.serialization.Revision;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.messaging.IntegrationEvent;
import nl.ipsexchange.kernel.messaging.IntegrationEventType;

/**
 * A change of one line of a funder's payment schedule, back to the mental health agency (ADR 46). The funder's events
 * name only what changed, so the receiver keeps the line: a line is scheduled with its type, amount and due date; a
 * later change may carry only its status (and a new due date).
 *
 * @param sequence the change's place in the funder's history of the application: a receiver applies a change only
 *                 if it is later than the one it holds, so redelivery and reordering change nothing
 * @param type     the line's type; null when the change does not name it
 * @param amount   euro; null when the change does not name it
 * @param dueDate  null when the change does not name it
 * @param paidOn   the day the funder paid the line, with a change to PAID; null otherwise
 */
@IntegrationEventType("PaymentLineUpdated")
@Revision("1")
public record PaymentLineUpdatedEvent(String trajectoryId, Agency funder, String lineId, long sequence,
                                      PaymentLineStatus status, PaymentType type, BigDecimal amount,
                                      LocalDate dueDate, LocalDate paidOn) implements IntegrationEvent {

    /** A change that is not a payment. */
    public PaymentLineUpdatedEvent(String trajectoryId, Agency funder, String lineId, long sequence,
                                   PaymentLineStatus status, PaymentType type, BigDecimal amount, LocalDate dueDate) {
        this(trajectoryId, funder, lineId, sequence, status, type, amount, dueDate, null);
    }

    @Override
    public String subject() {
        return trajectoryId;
    }
}
