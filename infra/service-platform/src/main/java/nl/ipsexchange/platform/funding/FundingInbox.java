package nl.ipsexchange.platform.funding;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

import org.axonframework.commandhandling.gateway.CommandGateway;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.audit.AccessAction;
import nl.ipsexchange.kernel.audit.AccessOutcome;
import nl.ipsexchange.kernel.consent.ConsentPolicy;
import nl.ipsexchange.kernel.funding.FundingApplicationSubmittedEvent;
import nl.ipsexchange.kernel.funding.FundingMessage;
import nl.ipsexchange.kernel.funding.IntakeHoursBilledEvent;
import nl.ipsexchange.kernel.funding.JobCoachingReportedEvent;
import nl.ipsexchange.kernel.funding.PlacementReportedEvent;
import nl.ipsexchange.kernel.funding.TrajectoryClosedReportedEvent;
import nl.ipsexchange.kernel.messaging.EventEnvelope;
import nl.ipsexchange.platform.audit.AccessRecorder;
import nl.ipsexchange.platform.funding.command.FundingCommands.ReceiveFundingApplicationCommand;
import nl.ipsexchange.platform.funding.command.FundingCommands.RecordClosureCommand;
import nl.ipsexchange.platform.funding.command.FundingCommands.RecordJobCoachingCommand;
import nl.ipsexchange.platform.funding.command.FundingCommands.RecordPlacementCommand;
import nl.ipsexchange.platform.funding.query.FundingProjection;
import nl.ipsexchange.platform.messaging.IntegrationEventHandler;
import nl.ipsexchange.platform.messaging.IntegrationEventHandlerSet;
import nl.ipsexchange.platform.sharing.ConsentReplica;

/**
 * Trajectory steps arriving at a funder or the insurer: each is checked against this agency's consent replica on
 * receipt (refused and recorded when outside consent), recorded as received, and handed to the funding logic.
 */
public class FundingInbox implements IntegrationEventHandlerSet {

    private final ConsentReplica consents;
    private final AccessRecorder recorder;
    private final CommandGateway commands;
    private final FundingProjection funding;
    private final IntakeBilling intake;
    private final Clock clock;
    private final Agency self;

    public FundingInbox(ConsentReplica consents, AccessRecorder recorder, CommandGateway commands,
                        FundingProjection funding, IntakeBilling intake, Clock clock, Agency self) {
        this.consents = consents;
        this.recorder = recorder;
        this.commands = commands;
        this.funding = funding;
        this.intake = intake;
        this.clock = clock;
        this.self = self;
    }

    @Override
    public List<IntegrationEventHandler<?>> handlers() {
        if (self == Agency.INSURER) {
            return List.of(checked(IntakeHoursBilledEvent.class, (event, envelope) -> intake.bill(event, envelope)));
        }
        return List.of(
                checked(FundingApplicationSubmittedEvent.class, (event, envelope) -> commands.sendAndWait(
                        new ReceiveFundingApplicationCommand(event.trajectoryId(), event.clientId(), self,
                                event.benefit(), event.referredOn(), event.appliedOn()))),
                checked(PlacementReportedEvent.class, (event, envelope) -> ifApplied(event, () -> commands.sendAndWait(
                        new RecordPlacementCommand(event.trajectoryId(), event.placement(), today())))),
                checked(TrajectoryClosedReportedEvent.class, (event, envelope) -> ifApplied(event,
                        () -> commands.sendAndWait(new RecordClosureCommand(event.trajectoryId(), event.closedOn(),
                                today())))),
                checked(JobCoachingReportedEvent.class, (event, envelope) -> ifApplied(event,
                        () -> commands.sendAndWait(new RecordJobCoachingCommand(event.trajectoryId(),
                                event.sessionId(), event.date(), event.hours(), today())))));
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private void ifApplied(FundingMessage message, Runnable action) {
        if (funding.application(message.trajectoryId()).isPresent()) {
            action.run();
        }
    }

    private <T extends FundingMessage> IntegrationEventHandler<T> checked(Class<T> type,
                                                                          BiConsumer<T, EventEnvelope> body) {
        return IntegrationEventHandler.of(type, (event, envelope) -> {
            Optional<String> refusal = envelope.consent() == null
                    ? Optional.of("personal data without a consent reference")
                    : !envelope.consent().categories().equals(Set.of(event.category()))
                    ? Optional.of("the message carries other categories than its consent reference names")
                    : ConsentPolicy.refusalOfReceipt(consents.consentsOf(event.clientId()), self,
                    envelope.consent().consentId(), envelope.consent().purpose(), Set.of(event.category()),
                    clock.instant());
            recorder.record(envelope.eventId(), AccessRecorder.Actor.SYSTEM, event.clientId(),
                    Set.of(event.category()), AccessAction.RECEIVE,
                    envelope.consent() == null ? null : envelope.consent().purpose(),
                    envelope.consent() == null ? null : envelope.consent().consentId(),
                    refusal.isPresent() ? AccessOutcome.DENIED : AccessOutcome.PERMITTED,
                    refusal.map(reason -> "refused: " + reason).orElse(type.getSimpleName()));
            if (refusal.isEmpty()) {
                body.accept(event, envelope);
            }
        });
    }
}
