package nl.ipsexchange.mha.command.inforequest;

import java.time.Instant;
import java.util.Set;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.sharing.InformationRequestAnsweredEvent.Outcome;
import nl.ipsexchange.kernel.sharing.InformationRequestAnsweredEvent.Reason;

/** The commands of an information request at the mental health agency. */
public final class InformationRequestCommands {

    private InformationRequestCommands() {
    }

    /** {@code clientRegistered}: whether this agency's register holds the client the request is about. */
    public record ReceiveInformationRequestCommand(@TargetAggregateIdentifier String requestId, String clientId,
                                                   Agency requestingAgency, String requestedBy, String role,
                                                   Set<DataCategory> categories, Purpose purpose,
                                                   Instant requestedAt, boolean clientRegistered) {
    }

    /**
     * A clinician's decision. {@code reason}: the clinician's own words, kept at this agency; {@code reasonCode}: what
     * the requesting agency is told (OTHER when not given). {@code coveredCategories}: what the client's consent
     * covers for the requesting agency and purpose at the moment of deciding.
     */
    public record DecideInformationRequestCommand(@TargetAggregateIdentifier String requestId, Outcome outcome,
                                                  Set<DataCategory> categories, String reason, Reason reasonCode,
                                                  String decidedBy, Set<DataCategory> coveredCategories) {
    }
}
