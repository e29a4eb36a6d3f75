package nl.ipsexchange.kernel.funding;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.axonframework.serialization.Revision;

import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.messaging.IntegrationEventType;

/** Billable intake hours of one consultation, for the insurer (purpose BILLING). */
@IntegrationEventType("IntakeHoursBilled")
@Revision("1")
public record IntakeHoursBilledEvent(String trajectoryId, String clientId, int sessionNumber, LocalDate date,
                                     BigDecimal billableHours) implements FundingMessage {

    @Override
    public DataCategory category() {
        return DataCategory.BENEFITS;
    }
}
