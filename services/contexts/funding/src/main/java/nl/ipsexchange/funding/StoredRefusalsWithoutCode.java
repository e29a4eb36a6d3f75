package nl.ipsexchange.funding;

import java.util.Set;

import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import nl.ipsexchange.funding.command.FundingEvents.FundingApprovalRefusedEvent;
import nl.ipsexchange.kernel.funding.FundingDecisionReason;

/**
 * A refusal stored before refusals carried their code (revision 1 of {@link FundingApprovalRefusedEvent}, words only)
 * reads as revision 2 with the code its words stand for (ADR 52). The words of revision 1 are fixed (no new event is
 * stored so), so this is the one place left that reads a refusal's wording: the aggregate's own (erased details; no
 * review or a band below FAIR, before the gate per team) and the fidelity gate's (ADR 45). Words it does not know read
 * as {@link FundingDecisionReason#OTHER}. Matches the class under its name before ADR 39 too, so that it does not
 * depend on running after {@link StoredFundingEventTypes}.
 */
public class StoredRefusalsWithoutCode extends SingleEventUpcaster {

    private static final Set<String> NAMES = Set.of(FundingApprovalRefusedEvent.class.getName(),
            StoredFundingEventTypes.FORMER_PACKAGE + "command.FundingEvents$FundingApprovalRefusedEvent");
    private static final SimpleSerializedType VERSION_2 =
            new SimpleSerializedType(FundingApprovalRefusedEvent.class.getName(), "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return NAMES.contains(representation.getType().getName())
                && "1".equals(representation.getType().getRevision());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(VERSION_2, JsonNode.class, stored -> {
            ObjectNode payload = ((ObjectNode) stored).deepCopy();
            JsonNode reason = payload.get("reason");
            payload.put("code", codeOf(reason == null || reason.isNull() ? null : reason.asText()).name());
            return payload;
        });
    }

    /** The code of a refusal stored in words only, in the order its wordings were told apart when relayed. */
    static FundingDecisionReason codeOf(String words) {
        if (words == null) {
            return FundingDecisionReason.OTHER;
        }
        if (words.contains("details were erased")) {
            return FundingDecisionReason.DETAILS_ERASED;
        }
        if (words.startsWith("no fidelity review")) {
            return FundingDecisionReason.NO_FIDELITY_REVIEW;
        }
        if (words.contains("names no IPS team")) {
            return FundingDecisionReason.NO_TEAM_NAMED;
        }
        if (words.contains("months: funding needs a newer review")) {
            return FundingDecisionReason.FIDELITY_REVIEW_TOO_OLD;
        }
        if (words.contains("is not independent")) {
            return FundingDecisionReason.FIDELITY_REVIEW_NOT_INDEPENDENT;
        }
        if (words.contains("fidelity review is") || words.contains(": funding needs FAIR or better")) {
            return FundingDecisionReason.FIDELITY_BELOW_FAIR;
        }
        return FundingDecisionReason.OTHER;
    }
}
