package nl.ipsexchange.kernel.funding;

import java.time.LocalDate;

import org.axonframework.serialization.Revision;

import com.fasterxml.jackson.databind.node.ObjectNode;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.messaging.IntegrationEvent;
import nl.ipsexchange.kernel.messaging.IntegrationEventType;
import nl.ipsexchange.kernel.messaging.IntegrationEventUpcaster;

/**
 * A funder's decision on a funding application, back to the mental health agency (ADR 46). The application id at the
 * funder is the trajectory id. It carries a coded reason, never the funder's own words: those stay at the funder.
 *
 * @param sequence  the decision's place in the funder's history of the application, so that a receiver keeps the
 *                  latest whatever order it hears of them in
 * @param startDate the funding's start date; only for {@link Decision#APPROVED}
 * @param decidedOn the day the funder recorded the decision
 * @param reason    why not approved; null for an approval
 * @param covenantVersion the covenant version an approval's schedule keeps (ADR 48); null otherwise, and in a
 *                  message of revision 1 (sent before approvals named it; {@link FromVersion1})
 */
@IntegrationEventType("FundingDecided")
@Revision("2")
public record FundingDecidedEvent(String trajectoryId, Agency funder, long sequence, Decision decision,
                                  LocalDate startDate, LocalDate decidedOn, FundingDecisionReason reason,
                                  String covenantVersion)
        implements IntegrationEvent {

    /** A decision that names no covenant version: a rejection or a refusal. */
    public FundingDecidedEvent(String trajectoryId, Agency funder, long sequence, Decision decision,
                               LocalDate startDate, LocalDate decidedOn, FundingDecisionReason reason) {
        this(trajectoryId, funder, sequence, decision, startDate, decidedOn, reason, null);
    }

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

    /** Revision 1 named no covenant version: such a decision reads as one that names none. */
    public static final class FromVersion1 implements IntegrationEventUpcaster {
        @Override
        public String type() {
            return "FundingDecided";
        }

        @Override
        public int fromVersion() {
            return 1;
        }

        @Override
        public ObjectNode upcast(ObjectNode payload) {
            payload.putNull("covenantVersion");
            return payload;
        }
    }
}
