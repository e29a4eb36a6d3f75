package nl.ipsexchange.kernel.funding;

import java.time.LocalDate;

import org.axonframework.serialization.Revision;

import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.messaging.IntegrationEventType;

/** The trajectory was closed on a date: the final payment falls due then (or at the cap, if earlier). */
@IntegrationEventType("TrajectoryClosed")
@Revision("1")
public record TrajectoryClosedReportedEvent(String trajectoryId, String clientId, LocalDate closedOn)
        implements FundingMessage {

    @Override
    public DataCategory category() {
        return DataCategory.BENEFITS;
    }
}
