package nl.ipsexchange.kernel.funding;

import java.time.LocalDate;

import org.axonframework.serialization.Revision;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.messaging.IntegrationEvent;
import nl.ipsexchange.kernel.messaging.IntegrationEventType;

/**
 * A funder's decision on a funding application, back to the mental health agency (ADR 46). The application id at the
 * funder is the trajectory id. It carries a coded reason, never the funder's own words: those stay at the funder.
 *
 * @param sequence  the decision's place in the funder's history of the application, so that a receiver keeps the
 *                  latest whatever order it hears of them in
 * @param startDate the funding's start date; only for {@link Decision#APPROVED}
 * @param decidedOn the day the funder recorded the decision
 * @param reason    why not approved; null for an approval
 */
@IntegrationEventType("FundingDecided")
@Revision("1")
public record FundingDecidedEvent(String trajectoryId, Agency funder, long sequence, Decision decision,
                                  LocalDate startDate, LocalDate decidedOn, FundingDecisionReason reason)
        implements IntegrationEvent {

    public enum Decision {
        APPROVED,
        /** The funder's staff rejected the application. */
        REJECTED,
        /** The funder could not approve it: the fidelity condition failed or the application's details are gone. */
        APPROVAL_REFUSED
    }

    @Override
    public String subject() {
        return trajectoryId;
    }
}
