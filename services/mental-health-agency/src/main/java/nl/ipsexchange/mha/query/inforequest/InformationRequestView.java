package nl.ipsexchange.mha.query.inforequest;

import java.time.Instant;
import java.util.Set;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.sharing.InformationRequestAnsweredEvent.Outcome;
import nl.ipsexchange.kernel.sharing.InformationRequestAnsweredEvent.Reason;

/**
 * A request from another agency; {@code outcome} null while it awaits a decision. {@code reason}: the clinician's
 * own words (null once the client's key is gone); {@code reasonCode}: what the requesting agency was told.
 */
public record InformationRequestView(String requestId, String clientId, Agency requestingAgency, String requestedBy,
                                     String role, Set<DataCategory> categories, Purpose purpose, Instant requestedAt,
                                     Outcome outcome, Set<DataCategory> grantedCategories, String reason,
                                     Reason reasonCode) {
}
