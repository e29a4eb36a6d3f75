package nl.ipsexchange.kernel.funding;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.axonframework.serialization.Revision;

import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.messaging.IntegrationEventType;

/** A job start (endDate null) or end, for the funder's placement bonus. Employment data. */
@IntegrationEventType("PlacementReported")
@Revision("1")
public record PlacementReportedEvent(String trajectoryId, String clientId, String placementId, boolean competitive,
                                     BigDecimal hoursPerWeek, BigDecimal monthlyGrossWage, LocalDate startDate,
                                     LocalDate endDate) implements FundingMessage {

    @Override
    public DataCategory category() {
        return DataCategory.EMPLOYMENT;
    }

    public Placement placement() {
        return new Placement(placementId, competitive, hoursPerWeek, monthlyGrossWage, startDate, endDate);
    }
}
