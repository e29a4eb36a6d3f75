package nl.ipsexchange.kernel.funding;

import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.messaging.IntegrationEvent;

/**
 * A step of a client's trajectory sent to a funder or the insurer. It is personal data of one category, sent only
 * under a consent covering that category for the purpose, and checked again on receipt.
 */
public interface FundingMessage extends IntegrationEvent {

    String trajectoryId();

    String clientId();

    DataCategory category();

    @Override
    default String subject() {
        return clientId();
    }
}
