package nl.ipsexchange.kernel.sharing;

import java.util.Set;

import org.axonframework.serialization.Revision;

import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.messaging.IntegrationEvent;
import nl.ipsexchange.kernel.messaging.IntegrationEventType;

/**
 * The mental health agency's answer to an information request. A grant's data follows as a consent-gated
 * {@code ClientDataShared} with exactly the granted categories.
 */
@IntegrationEventType("InformationRequestAnswered")
@Revision("1")
public record InformationRequestAnsweredEvent(String requestId, String clientId, Outcome outcome,
                                              Set<DataCategory> grantedCategories, String reason)
        implements IntegrationEvent {

    public enum Outcome {
        GRANTED,
        PARTIALLY_GRANTED,
        DENIED,
        /** Outside the client's consent: never silently granted. */
        CONSENT_REQUIRED
    }

    @Override
    public String subject() {
        return clientId;
    }
}
