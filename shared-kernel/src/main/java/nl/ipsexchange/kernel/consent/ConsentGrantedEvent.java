package nl.ipsexchange.kernel.consent;

import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

import org.axonframework.serialization.Revision;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.messaging.IntegrationEvent;
import nl.ipsexchange.kernel.messaging.IntegrationEventType;

/**
 * A consent of the client that concerns the receiving agency, sent to that agency's inbox only (it does not learn
 * which other agencies the client consented to). Recipients keep a replica to check receipts and reads.
 */
@IntegrationEventType("ConsentGranted")
@Revision("1")
public record ConsentGrantedEvent(
        UUID consentId,
        String clientId,
        Agency recipient,
        ConsentEffect effect,
        Set<DataCategory> categories,
        Set<Purpose> purposes,
        LocalDate validFrom,
        LocalDate validUntil) implements IntegrationEvent {

    @Override
    public String subject() {
        return clientId;
    }

    public ConsentTerms terms() {
        return new ConsentTerms(consentId, clientId, effect, Set.of(recipient), categories, purposes, validFrom,
                validUntil, null);
    }
}
