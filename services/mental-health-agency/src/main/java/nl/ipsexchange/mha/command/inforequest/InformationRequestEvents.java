package nl.ipsexchange.mha.command.inforequest;

import java.time.Instant;
import java.util.Set;

import org.axonframework.serialization.Revision;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.sharing.InformationRequestAnsweredEvent.Outcome;
import nl.ipsexchange.kernel.sharing.InformationRequestAnsweredEvent.Reason;
import nl.ipsexchange.platform.crypto.PersonalData;

/** The events of an information request at the mental health agency, stored in its own event store. */
public final class InformationRequestEvents {

    private InformationRequestEvents() {
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
