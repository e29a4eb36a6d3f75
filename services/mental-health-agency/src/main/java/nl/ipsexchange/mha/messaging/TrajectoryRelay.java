package nl.ipsexchange.mha.messaging;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.stereotype.Component;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.Topics;
import nl.ipsexchange.kernel.funding.FunderTerms;
import nl.ipsexchange.kernel.funding.FundingApplicationSubmittedEvent;
import nl.ipsexchange.kernel.funding.FundingRules;
import nl.ipsexchange.kernel.funding.IntakeHoursBilledEvent;
import nl.ipsexchange.kernel.funding.JobCoachingReportedEvent;
import nl.ipsexchange.kernel.funding.PlacementReportedEvent;
import nl.ipsexchange.kernel.funding.TrajectoryClosedReportedEvent;
import nl.ipsexchange.kernel.messaging.EnvelopeCodec;
import nl.ipsexchange.kernel.status.TrajectoryStepStatusEvent;
import nl.ipsexchange.kernel.status.TrajectoryStepStatusEvent.Step;
import nl.ipsexchange.mha.command.trajectory.IpsTeams;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.ClientReferredEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.EmployerContactRecordedEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.FundingApplicationRefusedEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.FundingAppliedEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.IntakeSessionRecordedEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.JobCoachingRecordedEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.JobCoachingReleasedEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.PlacementEndedEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.PlacementStartedEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.TrajectoryClosedEvent;
import nl.ipsexchange.platform.messaging.IntegrationEventPublisher;
import nl.ipsexchange.platform.crypto.StatusPseudonyms;

/**
 * Relays each trajectory step: to the funder (FUNDING_DECISION) or the insurer (BILLING) through the consent gate,
 * and as a de-identified status event to every agency's decision makers, which names the trajectory by this agency's
 * pseudonym of it and the client not at all (ADR 36). A step says itself whom it goes to (its funder), so no read
 * model is asked: a read model tells how things are when the relay comes by, not what they were at the step. Job
 * coaching goes to the funder when the covenant version the trajectory's funding was approved under says that funder
 * pays it: the funder's decision is in the trajectory's events (ADR 52), and a session names the version.
 */
@Component
@ProcessingGroup(StatusEventPublisher.PROCESSING_GROUP)
public class TrajectoryRelay {

    private final ConsentGate gate;
    private final IntegrationEventPublisher publisher;
    private final EnvelopeCodec codec;
    private final EventStore events;
    private final StatusPseudonyms pseudonyms;
    private final IpsTeams teams;
    private final FundingRules covenant;

    public TrajectoryRelay(ConsentGate gate, IntegrationEventPublisher publisher, EnvelopeCodec codec,
                           EventStore events, StatusPseudonyms pseudonyms, IpsTeams teams, FundingRules covenant) {
        this.teams = teams;
        this.covenant = covenant;
        this.gate = gate;
        this.publisher = publisher;
        this.codec = codec;
        this.events = events;
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
                event.clientId(), event.benefit(), event.referredOn(), event.appliedOn(), teams.teamOf(event.team())),
                id);
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
    void on(PlacementStartedEvent event, @MessageIdentifier String id, @Timestamp Instant at,
            @SequenceNumber long sequence) {
        funder(event.funder(), event.funderInHistory(), event.trajectoryId(), sequence).ifPresent(funder -> gate.send(
                funder, Purpose.FUNDING_DECISION,
                new PlacementReportedEvent(event.trajectoryId(), event.clientId(), event.placementId(),
                        event.competitive(), event.hoursPerWeek(), event.monthlyGrossWage(), event.startDate(), null),
                id));
        status(id, at, step(event.trajectoryId(), Step.PLACEMENT_STARTED,
                event.startDate(), event.competitive(), null, null, null));
    }

    @EventHandler
    void on(PlacementEndedEvent event, @MessageIdentifier String id, @Timestamp Instant at,
            @SequenceNumber long sequence) {
        PlacementEndedEvent ended = event.funderInHistory() ? history(event.trajectoryId(), sequence).named(event)
                : event;
        if (ended.funder() != null) {
            gate.send(ended.funder(), Purpose.FUNDING_DECISION, new PlacementReportedEvent(ended.trajectoryId(),
                    ended.clientId(), ended.placementId(), ended.competitive(), ended.hoursPerWeek(),
                    ended.monthlyGrossWage(), ended.startDate(), ended.endDate()), id);
        }
        status(id, at, step(event.trajectoryId(), Step.PLACEMENT_ENDED, event.endDate(), null, null, null, null));
    }

    /**
     * A session goes to the funder when the covenant version the trajectory's funding was approved under pays its job
     * coaching; one that awaits the approval goes when the approval is known ({@link JobCoachingReleasedEvent}); one
     * stored before sessions named the version, by the version in force on its date, as then.
     */
    @EventHandler
    void on(JobCoachingRecordedEvent event, @MessageIdentifier String id, @SequenceNumber long sequence) {
        if (event.awaitingApproval()) {
            return;
        }
        funder(event.funder(), event.funderInHistory(), event.trajectoryId(), sequence)
                .filter(funder -> event.covenantVersion() != null ? paysJobCoaching(funder, event.covenantVersion())
                        : paysJobCoachingOn(funder, event.date()))
                .ifPresent(funder -> coaching(funder, event.trajectoryId(), event.clientId(), event.sessionId(),
                        event.date(), event.hours(), id));
    }

    /** A session that awaited the approval, now known: by the version approved. */
    @EventHandler
    void on(JobCoachingReleasedEvent event, @MessageIdentifier String id) {
        if (event.funder() != null && paysJobCoaching(event.funder(), event.covenantVersion())) {
            coaching(event.funder(), event.trajectoryId(), event.clientId(), event.sessionId(), event.date(),
                    event.hours(), id);
        }
    }

    private void coaching(Agency funder, String trajectoryId, String clientId, String sessionId, LocalDate date,
                          BigDecimal hours, String id) {
        gate.send(funder, Purpose.FUNDING_DECISION, new JobCoachingReportedEvent(trajectoryId, clientId, sessionId,
                date, hours), id);
    }

    /**
     * Whether the funder pays job coaching under the version a trajectory was approved under. A version this agency's
     * covenant does not have (configured at the funder only) is sent: the funder keeps only what its pinned terms pay.
     */
    private boolean paysJobCoaching(Agency funder, String covenantVersion) {
        return covenant.termsOf(funder, covenantVersion).map(FunderTerms::paysJobCoaching).orElse(true);
    }

    /** Whether the covenant version in force on a day says that the funder pays job coaching. */
    private boolean paysJobCoachingOn(Agency funder, LocalDate day) {
        return (funder == Agency.MUNICIPALITY || funder == Agency.BENEFITS) && covenant.agreement().inForceOn(day)
                .map(version -> version.termsOf(funder).paysJobCoaching()).orElse(false);
    }

    @EventHandler
    void on(TrajectoryClosedEvent event, @MessageIdentifier String id, @Timestamp Instant at,
            @SequenceNumber long sequence) {
        funder(event.funder(), event.funderInHistory(), event.trajectoryId(), sequence).ifPresent(funder -> gate.send(
                funder, Purpose.FUNDING_DECISION, new TrajectoryClosedReportedEvent(event.trajectoryId(), event.clientId(),
                        event.closedOn()), id));
        status(id, at, step(event.trajectoryId(), Step.CLOSED, event.closedOn(), null, null, null, null));
    }

    /** The funder the step names; for a step stored before steps named it, what the history before it says. */
    private Optional<Agency> funder(Agency named, boolean inHistory, String trajectoryId, long sequence) {
        return Optional.ofNullable(inHistory ? history(trajectoryId, sequence).funder() : named);
    }

    /**
     * What a trajectory's events before the one at {@code sequence} said: its funder and its placements' starts.
     * Read only for a step stored before steps named these (it may have been stored, and not yet relayed, when this
     * version started).
     */
    private History history(String trajectoryId, long sequence) {
        Agency funder = null;
        Map<String, PlacementStartedEvent> placements = new HashMap<>();
        DomainEventStream stream = events.readEvents(trajectoryId);
        while (stream.hasNext() && stream.peek().getSequenceNumber() < sequence) {
            DomainEventMessage<?> before = stream.next();
            if (before.getPayload() instanceof FundingAppliedEvent applied) {
                funder = applied.funder();
            } else if (before.getPayload() instanceof PlacementStartedEvent started) {
                placements.put(started.placementId(), started);
            }
        }
        return new History(funder, placements);
    }

    private record History(Agency funder, Map<String, PlacementStartedEvent> placements) {

        /** The end as a step names it now: with the funder and what the placement's start said. */
        PlacementEndedEvent named(PlacementEndedEvent ended) {
            PlacementStartedEvent start = placements.get(ended.placementId());
            if (start == null) {
                return ended;
            }
            return new PlacementEndedEvent(ended.trajectoryId(), ended.clientId(), ended.placementId(),
                    ended.endDate(), ended.reason(), funder, start.competitive(), start.hoursPerWeek(),
                    start.monthlyGrossWage(), start.startDate());
        }
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
