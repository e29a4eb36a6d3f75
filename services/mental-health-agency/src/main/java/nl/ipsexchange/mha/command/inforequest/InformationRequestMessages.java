package nl.ipsexchange.mha.command.inforequest;

import java.time.Instant;
import java.util.Set;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.serialization.Revision;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.sharing.InformationRequestAnsweredEvent.Outcome;

/** Commands and events of an information request at the mental health agency. */
public final class InformationRequestMessages {

    private InformationRequestMessages() {
    }

    /** {@code clientRegistered}: whether this agency's register holds the client the request is about. */
    public record ReceiveInformationRequestCommand(@TargetAggregateIdentifier String requestId, String clientId,
                                                   Agency requestingAgency, String requestedBy, String role,
                                                   Set<DataCategory> categories, Purpose purpose,
                                                   Instant requestedAt, boolean clientRegistered) {
    }

    /**
     * A clinician's decision. {@code coveredCategories}: what the client's consent covers for the requesting agency
     * and purpose at the moment of deciding.
     */
    public record DecideInformationRequestCommand(@TargetAggregateIdentifier String requestId, Outcome outcome,
                                                  Set<DataCategory> categories, String reason, String decidedBy,
                                                  Set<DataCategory> coveredCategories) {
    }

    @Revision("1")
    public record InformationRequestReceivedEvent(String requestId, String clientId, Agency requestingAgency,
                                                  String requestedBy, String role, Set<DataCategory> categories,
                                                  Purpose purpose, Instant requestedAt) {
    }

    /** The answer; {@code CONSENT_REQUIRED} when the clinician's grant went beyond the client's consent. */
    @Revision("1")
    public record InformationRequestDecidedEvent(String requestId, String clientId, Agency requestingAgency,
                                                 Purpose purpose, Outcome outcome,
                                                 Set<DataCategory> grantedCategories, String reason,
                                                 String decidedBy) {
    }
}
