package nl.ipsexchange.kernel.funding;

import java.time.LocalDate;

import org.axonframework.serialization.Revision;

import nl.ipsexchange.kernel.BenefitType;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.messaging.IntegrationEventType;

/** An IPS specialist applied for the client's IPS funding; the application id is the trajectory id. */
@IntegrationEventType("FundingApplicationSubmitted")
@Revision("1")
public record FundingApplicationSubmittedEvent(String trajectoryId, String clientId, BenefitType benefit,
                                               LocalDate referredOn, LocalDate appliedOn) implements FundingMessage {

    @Override
    public DataCategory category() {
        return DataCategory.BENEFITS;
    }
}
