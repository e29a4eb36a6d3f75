package nl.ipsexchange.kernel.funding;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.axonframework.serialization.Revision;

import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.messaging.IntegrationEventType;

/** Job-coaching hours of follow-along support, funded by the benefits agency. Employment data. */
@IntegrationEventType("JobCoachingReported")
@Revision("1")
public record JobCoachingReportedEvent(String trajectoryId, String clientId, String sessionId, LocalDate date,
                                       BigDecimal hours) implements FundingMessage {

    @Override
    public DataCategory category() {
        return DataCategory.EMPLOYMENT;
    }
}
