package nl.ipsexchange.funding;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;

import nl.ipsexchange.funding.command.FundingEvents.FundingApprovalRefusedEvent;
import nl.ipsexchange.funding.command.FundingEvents.FundingApprovedEvent;
import nl.ipsexchange.funding.command.FundingEvents.FundingRejectedEvent;
import nl.ipsexchange.funding.command.FundingEvents.PaymentCancelledEvent;
import nl.ipsexchange.funding.command.FundingEvents.PaymentCorrectedEvent;
import nl.ipsexchange.funding.command.FundingEvents.PaymentFellDueEvent;
import nl.ipsexchange.funding.command.FundingEvents.PaymentRecordedEvent;
import nl.ipsexchange.funding.command.FundingEvents.PaymentRescheduledEvent;
import nl.ipsexchange.funding.command.FundingEvents.PaymentScheduledEvent;
import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.consent.ConsentTerms;
import nl.ipsexchange.kernel.funding.FundingDecidedEvent;
import nl.ipsexchange.kernel.funding.FundingDecidedEvent.Decision;
import nl.ipsexchange.kernel.funding.FundingDecisionReason;
import nl.ipsexchange.kernel.funding.PaymentLineStatus;
import nl.ipsexchange.kernel.funding.PaymentLineUpdatedEvent;
import nl.ipsexchange.kernel.funding.PaymentType;
import nl.ipsexchange.kernel.messaging.EnvelopeCodec;
import nl.ipsexchange.kernel.messaging.IntegrationEvent;
import nl.ipsexchange.platform.messaging.IntegrationEventPublisher;

/**
 * A funder's decisions and every change of a payment line, from its event store to the mental health agency's inbox,
 * signed like its information requests (ADR 46). The application id is the trajectory id. A decision carries a coded
 * reason, a refusal the code its rule recorded (ADR 52): the funder's own words (a rejection's may hold health
 * information) stay in its event store. Each message
 * carries the funder's event's sequence number in the application, so the receiver keeps the latest state of a
 * decision and of a line in whatever order it hears of them, and the event id follows from the funder's, so a
 * repeated relay is one message to the receiver. A processor of its own ({@value #PROCESSING_GROUP},
 * {@code ips-funding.yml}): started where it never ran, it begins at the start of the store, so decisions and lines
 * recorded before this relay existed reach the mental health agency too.
 */
@ProcessingGroup(FundingDecisionRelay.PROCESSING_GROUP)
public class FundingDecisionRelay {

    public static final String PROCESSING_GROUP = "funding-decision-relay";

    private final IntegrationEventPublisher publisher;
    private final EnvelopeCodec codec;
    private final Agency funder;

    public FundingDecisionRelay(IntegrationEventPublisher publisher, EnvelopeCodec codec, Agency funder) {
        this.publisher = publisher;
        this.codec = codec;
        this.funder = funder;
    }

    @EventHandler
    void on(FundingApprovedEvent event, @MessageIdentifier String id, @SequenceNumber Long sequence,
            @Timestamp Instant at) {
        send(id, at, new FundingDecidedEvent(event.applicationId(), funder, sequence, Decision.APPROVED,
                event.startDate(), date(at), null, event.terms() == null ? null : event.terms().covenantVersion()));
    }

    @EventHandler
    void on(FundingRejectedEvent event, @MessageIdentifier String id, @SequenceNumber Long sequence,
            @Timestamp Instant at) {
        send(id, at, new FundingDecidedEvent(event.applicationId(), funder, sequence, Decision.REJECTED, null,
                date(at), FundingDecisionReason.REJECTED_BY_FUNDER));
    }

    @EventHandler
    void on(FundingApprovalRefusedEvent event, @MessageIdentifier String id, @SequenceNumber Long sequence,
            @Timestamp Instant at) {
        send(id, at, new FundingDecidedEvent(event.applicationId(), funder, sequence, Decision.APPROVAL_REFUSED,
                null, date(at), event.code() == null ? FundingDecisionReason.OTHER : event.code()));
    }

    @EventHandler
    void on(PaymentScheduledEvent event, @MessageIdentifier String id, @SequenceNumber Long sequence,
            @Timestamp Instant at) {
        line(id, at, event.applicationId(), event.lineId(), sequence, PaymentLineStatus.SCHEDULED, event.type(),
                event.amount(), event.dueDate());
    }

    /** The funder's event names the line only: its type, amount and due date are the receiver's to keep. */
    @EventHandler
    void on(PaymentFellDueEvent event, @MessageIdentifier String id, @SequenceNumber Long sequence,
            @Timestamp Instant at) {
        line(id, at, event.applicationId(), event.lineId(), sequence, PaymentLineStatus.DUE, null, null, null);
    }

    @EventHandler
    void on(PaymentRescheduledEvent event, @MessageIdentifier String id, @SequenceNumber Long sequence,
            @Timestamp Instant at) {
        line(id, at, event.applicationId(), event.lineId(), sequence, PaymentLineStatus.RESCHEDULED, null, null,
                event.dueDate());
    }

    /** The cancellation's words (which name the close) stay at the funder; the status says enough. */
    @EventHandler
    void on(PaymentCancelledEvent event, @MessageIdentifier String id, @SequenceNumber Long sequence,
            @Timestamp Instant at) {
        line(id, at, event.applicationId(), event.lineId(), sequence, PaymentLineStatus.CANCELLED, null, null,
                null);
    }

    @EventHandler
    void on(PaymentRecordedEvent event, @MessageIdentifier String id, @SequenceNumber Long sequence,
            @Timestamp Instant at) {
        send(id, at, new PaymentLineUpdatedEvent(event.applicationId(), funder, event.lineId(), sequence,
                PaymentLineStatus.PAID, event.type(), event.amount(), null, event.paidOn()));
    }

    /**
     * A paid line the facts no longer support: it reads CORRECTED, and its correction is a line of its own (negative
     * amount, owed back), sent as a second message with an id of its own.
     */
    @EventHandler
    void on(PaymentCorrectedEvent event, @MessageIdentifier String id, @SequenceNumber Long sequence,
            @Timestamp Instant at) {
        line(id, at, event.applicationId(), event.correctedLineId(), sequence, PaymentLineStatus.CORRECTED, null,
                null, null);
        line(id + ":correction", at, event.applicationId(), event.lineId(), sequence, PaymentLineStatus.DUE,
                event.type(), event.amount(), event.dueDate());
    }

    private void line(String id, Instant at, String trajectoryId, String lineId, Long sequence,
                      PaymentLineStatus status, PaymentType type, BigDecimal amount, LocalDate dueDate) {
        send(id, at, new PaymentLineUpdatedEvent(trajectoryId, funder, lineId, sequence, status, type, amount,
                dueDate));
    }

    private static LocalDate date(Instant at) {
        return LocalDate.ofInstant(at, ConsentTerms.ZONE);
    }

    private void send(String id, Instant at, IntegrationEvent event) {
        String topic = Agency.MENTAL_HEALTH.inboxTopic();
        publisher.publish(topic, codec.wrap(IntegrationEventPublisher.eventIdFor(id, topic), funder, at, null, event));
    }
}
