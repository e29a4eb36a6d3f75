package nl.ipsexchange.mha.command.inforequest;

import java.time.Instant;
import java.util.Set;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.serialization.Revision;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.sharing.InformationRequestAnsweredEvent.Outcome;
import nl.ipsexchange.kernel.sharing.InformationRequestAnsweredEvent.Reason;
import nl.ipsexchange.platform.crypto.PersonalData;

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
     * A clinician's decision. {@code reason}: the clinician's own words, kept at this agency; {@code reasonCode}: what
     * the requesting agency is told (OTHER when not given). {@code coveredCategories}: what the client's consent
     * covers for the requesting agency and purpose at the moment of deciding.
     */
    public record DecideInformationRequestCommand(@TargetAggregateIdentifier String requestId, Outcome outcome,
                                                  Set<DataCategory> categories, String reason, Reason reasonCode,
                                                  String decidedBy, Set<DataCategory> coveredCategories) {
    }

    @Revision("1")
    public record InformationRequestReceivedEvent(String requestId, String clientId, Agency requestingAgency,
                                                  String requestedBy, String role, Set<DataCategory> categories,
                                                  Purpose purpose, Instant requestedAt) {
    }

    /**
     * The answer; {@code CONSENT_REQUIRED} when the clinician's grant went beyond the client's consent. The
     * clinician's words are free text about the client: sealed under the client's key (ADR 38) and never sent; the
     * requesting agency gets {@code reasonCode} (ADR 40). Stored before there were codes, an event has the code its
     * answer would have had.
     */
    @Revision("1")
    @PersonalData(category = DataCategory.IDENTIFICATION, fields = "reason")
    public record InformationRequestDecidedEvent(String requestId, String clientId, Agency requestingAgency,
                                                 Purpose purpose, Outcome outcome,
                                                 Set<DataCategory> grantedCategories, String reason,
                                                 Reason reasonCode, String decidedBy) {
        public InformationRequestDecidedEvent {
            if (reasonCode == null) {
                reasonCode = Reason.ofUncodedAnswer(outcome, reason);
            }
        }
    }
}
