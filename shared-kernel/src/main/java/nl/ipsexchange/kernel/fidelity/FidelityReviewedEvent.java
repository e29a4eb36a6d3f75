package nl.ipsexchange.kernel.fidelity;

import java.time.LocalDate;
import java.util.Map;

import org.axonframework.serialization.Revision;

import nl.ipsexchange.kernel.messaging.IntegrationEvent;
import nl.ipsexchange.kernel.messaging.IntegrationEventType;

/**
 * An IPS team's fidelity review: team-level data, not about any client, so it travels to the funders (whose
 * approvals depend on it) and on {@code ips.status} without consent. The subject is the team.
 */
@IntegrationEventType("FidelityReviewed")
@Revision("1")
public record FidelityReviewedEvent(
        String reviewId,
        String team,
        LocalDate reviewDate,
        String reviewerOrganisation,
        Map<FidelityItem, Integer> items,
        int total,
        FidelityBand band,
        boolean independent) implements IntegrationEvent {

    @Override
    public String subject() {
        return "team:" + team;
    }
}
