package nl.ipsexchange.kernel.funding;

import java.time.LocalDate;

import org.axonframework.serialization.Revision;

import com.fasterxml.jackson.databind.node.ObjectNode;

import nl.ipsexchange.kernel.BenefitType;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.messaging.IntegrationEventType;
import nl.ipsexchange.kernel.messaging.IntegrationEventUpcaster;

/**
 * An IPS specialist applied for the client's IPS funding; the application id is the trajectory id. {@code team}: the
 * trajectory's IPS team at the mental health agency, whose newest fidelity review the funder's gate reads (ADR 0045);
 * null in an application sent before version 2, which named none.
 */
@IntegrationEventType("FundingApplicationSubmitted")
@Revision("2")
public record FundingApplicationSubmittedEvent(String trajectoryId, String clientId, BenefitType benefit,
                                               LocalDate referredOn, LocalDate appliedOn, String team)
        implements FundingMessage {

    @Override
    public DataCategory category() {
        return DataCategory.BENEFITS;
    }

    /** Version 1 named no team: it reads as an application of no known team (the gate refuses it, saying so). */
    public static final class FromVersion1 implements IntegrationEventUpcaster {
        @Override
        public String type() {
            return "FundingApplicationSubmitted";
        }

        @Override
        public int fromVersion() {
            return 1;
        }

        @Override
        public ObjectNode upcast(ObjectNode payload) {
            payload.putNull("team");
            return payload;
        }
    }
}
