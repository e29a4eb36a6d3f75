package nl.ipsexchange.funding;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;

import nl.ipsexchange.funding.command.FundingEvents.FundingApprovalRefusedEvent;
import nl.ipsexchange.funding.command.FundingEvents.FundingApprovedEvent;
import nl.ipsexchange.funding.command.FundingEvents.FundingRejectedEvent;
import nl.ipsexchange.funding.command.FundingEvents.PaymentScheduledEvent;
import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.Topics;
import nl.ipsexchange.kernel.consent.ConsentTerms;
import nl.ipsexchange.kernel.funding.PaymentType;
import nl.ipsexchange.kernel.messaging.EnvelopeCodec;
import nl.ipsexchange.kernel.status.FundingStepStatusEvent.Step;
import nl.ipsexchange.kernel.status.FundingStepStatusEvent;
import nl.ipsexchange.platform.axon.AxonProcessingConfiguration;
import nl.ipsexchange.platform.messaging.IntegrationEventPublisher;
import nl.ipsexchange.platform.crypto.StatusPseudonyms;

/**
 * A funder's decisions and scheduled payments, de-identified, on {@code ips.status} (read from its event store): the
 * trajectory named by this funder's own pseudonym of it, the client not at all (ADR 36).
 */
@ProcessingGroup(AxonProcessingConfiguration.INTEGRATION_PUBLISHER)
public class FundingStatusRelay {

    private final IntegrationEventPublisher publisher;
    private final EnvelopeCodec codec;
    private final Agency funder;
    private final StatusPseudonyms pseudonyms;

    public FundingStatusRelay(IntegrationEventPublisher publisher, EnvelopeCodec codec, Agency funder,
                              StatusPseudonyms pseudonyms) {
        this.publisher = publisher;
        this.codec = codec;
        this.funder = funder;
        this.pseudonyms = pseudonyms;
    }

    @EventHandler
    void on(FundingApprovedEvent event, @MessageIdentifier String id, @Timestamp Instant at) {
        send(id, at, event.applicationId(), Step.APPROVED, event.startDate(), null, null);
    }

    @EventHandler
    void on(FundingApprovalRefusedEvent event, @MessageIdentifier String id, @Timestamp Instant at) {
        send(id, at, event.applicationId(), Step.APPROVAL_REFUSED, date(at), null, null);
    }

    @EventHandler
    void on(FundingRejectedEvent event, @MessageIdentifier String id, @Timestamp Instant at) {
        send(id, at, event.applicationId(), Step.REJECTED, date(at), null, null);
    }

    @EventHandler
    void on(PaymentScheduledEvent event, @MessageIdentifier String id, @Timestamp Instant at) {
        send(id, at, event.applicationId(), Step.PAYMENT_SCHEDULED, event.dueDate(), event.type(),
                event.amount());
    }

    private static LocalDate date(Instant at) {
        return LocalDate.ofInstant(at, ConsentTerms.ZONE);
    }

    private void send(String id, Instant at, String trajectoryId, Step step, LocalDate on, PaymentType type,
                      BigDecimal amount) {
        publisher.publish(Topics.STATUS, codec.wrap(IntegrationEventPublisher.eventIdFor(id, Topics.STATUS), funder,
                at, null, new FundingStepStatusEvent(pseudonyms.trajectory(trajectoryId), funder, step, on, type,
                        amount)));
    }
}
