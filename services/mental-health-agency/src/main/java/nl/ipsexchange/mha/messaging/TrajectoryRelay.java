package nl.ipsexchange.mha.messaging;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.Topics;
import nl.ipsexchange.kernel.funding.FundingApplicationSubmittedEvent;
import nl.ipsexchange.kernel.funding.IntakeHoursBilledEvent;
import nl.ipsexchange.kernel.funding.JobCoachingReportedEvent;
import nl.ipsexchange.kernel.funding.PlacementReportedEvent;
import nl.ipsexchange.kernel.funding.TrajectoryClosedReportedEvent;
import nl.ipsexchange.kernel.messaging.EnvelopeCodec;
import nl.ipsexchange.kernel.status.TrajectoryStepStatusEvent;
import nl.ipsexchange.kernel.status.TrajectoryStepStatusEvent.Step;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.ClientReferredEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.EmployerContactRecordedEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.FundingApplicationRefusedEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.FundingAppliedEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.IntakeSessionRecordedEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.JobCoachingRecordedEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.PlacementEndedEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.PlacementStartedEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.TrajectoryClosedEvent;
import nl.ipsexchange.mha.query.trajectory.TrajectoryQueries.FindTrajectoryQuery;
import nl.ipsexchange.mha.query.trajectory.TrajectoryView;
import nl.ipsexchange.platform.messaging.IntegrationEventPublisher;
import nl.ipsexchange.platform.crypto.StatusPseudonyms;

/**
 * Relays each trajectory step: to the funder (FUNDING_DECISION) or the insurer (BILLING) through the consent gate,
 * and as a de-identified status event to every agency's decision makers, which names the trajectory by this agency's
 * pseudonym of it and the client not at all (ADR 36).
 */
@Component
@ProcessingGroup(StatusEventPublisher.PROCESSING_GROUP)
public class TrajectoryRelay {

    private final GatedSender gate;
    private final IntegrationEventPublisher publisher;
    private final EnvelopeCodec codec;
    private final QueryGateway queries;
    private final StatusPseudonyms pseudonyms;

    public TrajectoryRelay(GatedSender gate, IntegrationEventPublisher publisher, EnvelopeCodec codec,
                           QueryGateway queries, StatusPseudonyms pseudonyms) {
        this.gate = gate;
        this.publisher = publisher;
        this.codec = codec;
        this.queries = queries;
        this.pseudonyms = pseudonyms;
    }

    @EventHandler
    void on(ClientReferredEvent event, @MessageIdentifier String id, @Timestamp Instant at) {
        status(id, at, step(event.trajectoryId(), Step.REFERRED,
                event.referredOn(), null, null, null, event.specialist()));
    }

    @EventHandler
    void on(IntakeSessionRecordedEvent event, @MessageIdentifier String id, @Timestamp Instant at) {
        if (event.billableHours().signum() > 0) {
            gate.send(Agency.INSURER, Purpose.BILLING, new IntakeHoursBilledEvent(event.trajectoryId(),
                    event.clientId(), event.sessionNumber(), event.date(), event.billableHours()), id);
        }
        status(id, at, step(event.trajectoryId(), Step.INTAKE_SESSION, event.date(), null, null, null, null));
    }

    @EventHandler
    void on(FundingAppliedEvent event, @MessageIdentifier String id, @Timestamp Instant at) {
        gate.send(event.funder(), Purpose.FUNDING_DECISION, new FundingApplicationSubmittedEvent(event.trajectoryId(),
                event.clientId(), event.benefit(), event.referredOn(), event.appliedOn()), id);
        status(id, at, step(event.trajectoryId(), Step.FUNDING_APPLIED,
                event.appliedOn(), null, null, event.funder(), null));
    }

    @EventHandler
    void on(FundingApplicationRefusedEvent event, @MessageIdentifier String id, @Timestamp Instant at) {
        status(id, at, step(event.trajectoryId(),
                Step.FUNDING_APPLICATION_REFUSED, event.appliedOn(), null, null, null, null));
    }

    @EventHandler
    void on(EmployerContactRecordedEvent event, @MessageIdentifier String id, @Timestamp Instant at) {
        if (event.first()) {
            status(id, at, step(event.trajectoryId(),
                    Step.FIRST_EMPLOYER_CONTACT, event.date(), null, event.daysSinceReferral(), null, null));
        }
    }

    @EventHandler
    void on(PlacementStartedEvent event, @MessageIdentifier String id, @Timestamp Instant at) {
        funder(event.trajectoryId()).ifPresent(funder -> gate.send(funder, Purpose.FUNDING_DECISION,
                new PlacementReportedEvent(event.trajectoryId(), event.clientId(), event.placementId(),
                        event.competitive(), event.hoursPerWeek(), event.monthlyGrossWage(), event.startDate(), null),
                id));
        status(id, at, step(event.trajectoryId(), Step.PLACEMENT_STARTED,
                event.startDate(), event.competitive(), null, null, null));
    }

    @EventHandler
    void on(PlacementEndedEvent event, @MessageIdentifier String id, @Timestamp Instant at) {
        trajectory(event.trajectoryId()).filter(t -> t.funder() != null).ifPresent(t -> t.placements().stream()
                .filter(p -> p.placementId().equals(event.placementId())).findFirst()
                .ifPresent(placement -> gate.send(t.funder(), Purpose.FUNDING_DECISION,
                        new PlacementReportedEvent(event.trajectoryId(), event.clientId(), placement.placementId(),
                                placement.competitive(), placement.hoursPerWeek(), placement.monthlyGrossWage(),
                                placement.startDate(), event.endDate()), id)));
        status(id, at, step(event.trajectoryId(), Step.PLACEMENT_ENDED, event.endDate(), null, null, null, null));
    }

    @EventHandler
    void on(JobCoachingRecordedEvent event, @MessageIdentifier String id) {
        funder(event.trajectoryId()).filter(funder -> funder == Agency.BENEFITS).ifPresent(funder -> gate.send(
                funder, Purpose.FUNDING_DECISION, new JobCoachingReportedEvent(event.trajectoryId(), event.clientId(),
                        event.sessionId(), event.date(), event.hours()), id));
    }

    @EventHandler
    void on(TrajectoryClosedEvent event, @MessageIdentifier String id, @Timestamp Instant at) {
        funder(event.trajectoryId()).ifPresent(funder -> gate.send(funder, Purpose.FUNDING_DECISION,
                new TrajectoryClosedReportedEvent(event.trajectoryId(), event.clientId(), event.closedOn()), id));
        status(id, at, step(event.trajectoryId(), Step.CLOSED, event.closedOn(), null, null, null, null));
    }

    private Optional<Agency> funder(String trajectoryId) {
        return trajectory(trajectoryId).map(TrajectoryView::funder);
    }

    private Optional<TrajectoryView> trajectory(String trajectoryId) {
        return queries.query(new FindTrajectoryQuery(trajectoryId),
                ResponseTypes.optionalInstanceOf(TrajectoryView.class)).join();
    }

    /** The step's status event, naming the trajectory by its pseudonym (the client not at all). */
    private TrajectoryStepStatusEvent step(String trajectoryId, Step step, LocalDate on, Boolean competitive,
                                           Long daysSinceReferral, Agency funder, String specialist) {
        return new TrajectoryStepStatusEvent(pseudonyms.trajectory(trajectoryId), step, on, competitive,
                daysSinceReferral, funder, specialist);
    }

    private void status(String domainEventId, Instant at, TrajectoryStepStatusEvent status) {
        publisher.publish(Topics.STATUS, codec.wrap(IntegrationEventPublisher.eventIdFor(domainEventId, Topics.STATUS),
                Agency.MENTAL_HEALTH, at, null, status));
    }
}
