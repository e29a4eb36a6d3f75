package nl.ipsexchange.funding.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import nl.ipsexchange.funding.command.FundingCommands.ApproveFundingCommand;
import nl.ipsexchange.funding.command.FundingCommands.ReceiveFundingApplicationCommand;
import nl.ipsexchange.funding.command.FundingCommands.RecordClosureCommand;
import nl.ipsexchange.funding.command.FundingCommands.RecordJobCoachingCommand;
import nl.ipsexchange.funding.command.FundingCommands.RecordPlacementCommand;
import nl.ipsexchange.funding.command.FundingCommands.RejectFundingCommand;
import nl.ipsexchange.funding.command.FundingEvents.ClosureRecordedEvent;
import nl.ipsexchange.funding.command.FundingEvents.FundingApplicationReceivedEvent;
import nl.ipsexchange.funding.command.FundingEvents.FundingApprovalRefusedEvent;
import nl.ipsexchange.funding.command.FundingEvents.FundingApprovedEvent;
import nl.ipsexchange.funding.command.FundingEvents.FundingRejectedEvent;
import nl.ipsexchange.funding.command.FundingEvents.PaymentCancelledEvent;
import nl.ipsexchange.funding.command.FundingEvents.PaymentFellDueEvent;
import nl.ipsexchange.funding.command.FundingEvents.PaymentRescheduledEvent;
import nl.ipsexchange.funding.command.FundingEvents.PaymentScheduledEvent;
import nl.ipsexchange.funding.command.FundingEvents.PlacementBonusForfeitedEvent;
import nl.ipsexchange.funding.command.FunderPolicy.Payment;
import nl.ipsexchange.funding.command.FundingEvents.PlacementRecordedEvent;
import nl.ipsexchange.kernel.RuleViolationException;
import nl.ipsexchange.kernel.consent.ConsentTerms;
import nl.ipsexchange.kernel.fidelity.FidelityBand;
import nl.ipsexchange.kernel.funding.PaymentType;
import nl.ipsexchange.kernel.funding.Placement;

/**
 * A funding application at the funder (municipality or benefits agency) and, once approved, its payment schedule
 * computed by the funder's part of the covenant, its {@link FunderPolicy} (a bean of the funder's service, a
 * parameter of the handlers): what the funder pays and which lines it schedules are the policy's, so nothing here
 * names a funder. Each line exists once (by line id): replays and redelivered messages never add one. Lines fall due
 * on their due date through Axon deadlines.
 * <p>
 * What the mental health agency sent about the client is stored encrypted (see {@link FundingEvents}); once the
 * client's consent ended and the key was destroyed, it reads back erased (null). Loading never fails on that and
 * schedules nothing; a decision that would need the erased data is refused with that reason instead.
 */
@Aggregate
public class FundingApplication {

    static final String PAYMENT_DUE = "payment-due";
    static final String BONUS_CHECK = "bonus-check";

    private enum Status { RECEIVED, APPROVED, REJECTED }

    @AggregateIdentifier
    private String applicationId;
    private String clientId;
    private LocalDate referredOn;
    private Status status;
    private LocalDate startDate;
    private boolean detailsErased;
    private boolean closed;
    private LocalDate closedOn;
    private final Map<String, Placement> placements = new LinkedHashMap<>();
    private final Set<String> erasedPlacements = new HashSet<>();
    private final Map<String, LocalDate> lineDue = new LinkedHashMap<>();
    private final Map<String, PaymentType> lineTypes = new LinkedHashMap<>();
    private final Set<String> settledLines = new HashSet<>();
    private final Set<String> forfeited = new HashSet<>();
    private boolean bonusScheduled;

    protected FundingApplication() {
        // for Axon
    }

    @CommandHandler
    public FundingApplication(ReceiveFundingApplicationCommand command, FunderPolicy policy) {
        // this service decides by its own funder's policy: an application to another funder is not its to decide
        if (command.funder() != policy.funder()) {
            throw RuleViolationException.invalid("funder: this service decides applications to " + policy.funder()
                    + ", not to " + command.funder());
        }
        apply(new FundingApplicationReceivedEvent(command.applicationId(), command.clientId(), command.funder(),
                command.benefit(), command.referredOn(), command.appliedOn()));
    }

    /** @return the refusal's reason, or empty when approved */
    @CommandHandler
    public Optional<String> handle(ApproveFundingCommand command, FunderPolicy policy, DeadlineManager deadlines) {
        if (status != Status.RECEIVED) {
            throw RuleViolationException.conflict("the application was already " + status.name().toLowerCase());
        }
        if (detailsErased) {
            String reason = "the application's details were erased when the client's consent ended: it can no "
                    + "longer be decided";
            apply(new FundingApprovalRefusedEvent(applicationId, clientId, reason));
            return Optional.of(reason);
        }
        if (command.startDate() == null || command.startDate().isBefore(referredOn)) {
            throw RuleViolationException.invalid("startDate: must not be before the referral (" + referredOn + ")");
        }
        FidelityBand band = command.latestFidelityBand();
        if (command.fidelityRefusal() != null || band == null || !band.allowsFunding()) {
            String reason = command.fidelityRefusal() != null ? command.fidelityRefusal() : band == null
                    ? "no fidelity review of the provider's IPS team is known: funding needs FAIR or better"
                    : "the provider's most recent fidelity review is " + band + ": funding needs FAIR or better";
            apply(new FundingApprovalRefusedEvent(applicationId, clientId, reason));
            return Optional.of(reason);
        }
        apply(new FundingApprovedEvent(applicationId, clientId, command.startDate()));
        for (Payment payment : policy.onApproval(command.startDate(), closedOn)) {
            schedule(line(payment.type(), null), payment.type(), payment.amount(), payment.dueDate(), command.today(),
                    deadlines);
        }
        if (closedOn != null) {
            applyClosure(closedOn, policy, command.today(), deadlines);
        }
        for (Placement placement : placements.values()) {
            considerBonus(placement, policy, command.today(), deadlines);
        }
        erasedPlacements.forEach(this::refuseErasedBonus);
        return Optional.empty();
    }

    @CommandHandler
    public void handle(RejectFundingCommand command) {
        if (status != Status.RECEIVED) {
            throw RuleViolationException.conflict("the application was already " + status.name().toLowerCase());
        }
        if (command.reason() == null || command.reason().isBlank()) {
            throw RuleViolationException.invalid("reason: is required");
        }
        apply(new FundingRejectedEvent(applicationId, clientId, command.reason().strip()));
    }

    @CommandHandler
    public void handle(RecordPlacementCommand command, FunderPolicy policy, DeadlineManager deadlines) {
        Placement known = placements.get(command.placement().placementId());
        if (command.placement().equals(known)) {
            return; // the same report again changes nothing
        }
        apply(new PlacementRecordedEvent(applicationId, clientId, command.placement()));
        if (status == Status.APPROVED && known == null) {
            // a new job: decide now if its period is already complete, else check when it is (a deadline);
            // a later end report needs no new deadline: the check reads the placement as it is then
            considerBonus(command.placement(), policy, command.today(), deadlines);
        }
    }

    @CommandHandler
    public void handle(RecordClosureCommand command, FunderPolicy policy, DeadlineManager deadlines) {
        if (closed) {
            return;
        }
        apply(new ClosureRecordedEvent(applicationId, clientId, command.closedOn()));
        if (status == Status.APPROVED) {
            applyClosure(command.closedOn(), policy, command.today(), deadlines);
        }
    }

    @CommandHandler
    public void handle(RecordJobCoachingCommand command, FunderPolicy policy, DeadlineManager deadlines) {
        String lineId = line(PaymentType.JOB_COACHING, command.sessionId());
        if (lineDue.containsKey(lineId)) {
            return;
        }
        // a funder that pays no job coaching schedules nothing for it
        policy.jobCoachingAmount(command.hours()).ifPresent(amount -> schedule(lineId, PaymentType.JOB_COACHING,
                amount, command.date(), command.today(), deadlines));
    }

    @DeadlineHandler(deadlineName = PAYMENT_DUE)
    void paymentDue(String lineId) {
        if (lineDue.containsKey(lineId) && !settledLines.contains(lineId)) {
            apply(new PaymentFellDueEvent(applicationId, lineId));
        }
    }

    @DeadlineHandler(deadlineName = BONUS_CHECK)
    void bonusCheck(String placementId, FunderPolicy policy, DeadlineManager deadlines) {
        Placement placement = placements.get(placementId);
        if (placement != null && !bonusScheduled && !forfeited.contains(placementId)) {
            decideBonus(placement, policy, policy.bonusDueDate(placement), deadlines);
        } else if (placement == null && erasedPlacements.contains(placementId)) {
            refuseErasedBonus(placementId);
        }
    }

    /** A placement whose details were erased cannot earn the bonus: that is recorded, once. */
    private void refuseErasedBonus(String placementId) {
        if (!bonusScheduled && !forfeited.contains(placementId)) {
            apply(new PlacementBonusForfeitedEvent(applicationId, clientId, placementId,
                    "the placement's details were erased when the client's consent ended: the bonus cannot be "
                            + "decided"));
        }
    }

    private void considerBonus(Placement placement, FunderPolicy policy, LocalDate today, DeadlineManager deadlines) {
        if (bonusScheduled || forfeited.contains(placement.placementId())) {
            return;
        }
        Optional<String> disqualified = policy.bonusDisqualification(startDate, placement);
        if (disqualified.isPresent()) {
            return;
        }
        LocalDate due = policy.bonusDueDate(placement);
        if (!due.isAfter(today)) {
            decideBonus(placement, policy, today, deadlines);
        } else {
            deadlines.schedule(due.atStartOfDay(ConsentTerms.ZONE).toInstant(), BONUS_CHECK,
                    placement.placementId());
        }
    }

    private void decideBonus(Placement placement, FunderPolicy policy, LocalDate today, DeadlineManager deadlines) {
        LocalDate due = policy.bonusDueDate(placement);
        if (policy.bonusEarned(placement)) {
            schedule(line(PaymentType.PLACEMENT_BONUS, null), PaymentType.PLACEMENT_BONUS, policy.bonusAmount(),
                    due, today, deadlines);
        } else {
            apply(new PlacementBonusForfeitedEvent(applicationId, clientId, placement.placementId(),
                    "the job ended on " + placement.endDate() + ", before it lasted until " + due));
        }
    }

    private void applyClosure(LocalDate closed, FunderPolicy policy, LocalDate today, DeadlineManager deadlines) {
        for (Map.Entry<String, PaymentType> scheduled : List.copyOf(lineTypes.entrySet())) {
            policy.cancelledByClosure(scheduled.getValue(), startDate, closed).ifPresent(reason ->
                    apply(new PaymentCancelledEvent(applicationId, scheduled.getKey(), reason)));
        }
        String finalLine = line(PaymentType.FINAL, null);
        LocalDate finalDue = policy.finalDueDate(startDate, closed);
        if (lineDue.containsKey(finalLine) && !finalDue.equals(lineDue.get(finalLine))
                && !settledLines.contains(finalLine)) {
            apply(new PaymentRescheduledEvent(applicationId, finalLine, finalDue));
            dueOnOrAfter(finalLine, finalDue, today, deadlines);
        }
    }

    private void schedule(String lineId, PaymentType type, BigDecimal amount, LocalDate due, LocalDate today,
                          DeadlineManager deadlines) {
        if (lineDue.containsKey(lineId)) {
            return; // never twice
        }
        apply(new PaymentScheduledEvent(applicationId, clientId, lineId, type, amount, due));
        dueOnOrAfter(lineId, due, today, deadlines);
    }

    private void dueOnOrAfter(String lineId, LocalDate due, LocalDate today, DeadlineManager deadlines) {
        if (!due.isAfter(today)) {
            apply(new PaymentFellDueEvent(applicationId, lineId));
        } else {
            deadlines.schedule(due.atStartOfDay(ConsentTerms.ZONE).toInstant(), PAYMENT_DUE, lineId);
        }
    }

    private String line(PaymentType type, String reference) {
        return applicationId + ":" + type + (reference == null ? "" : ":" + reference);
    }

    @EventSourcingHandler
    void on(FundingApplicationReceivedEvent event) {
        applicationId = event.applicationId();
        clientId = event.clientId();
        referredOn = event.referredOn();
        detailsErased = referredOn == null;
        status = Status.RECEIVED;
    }

    @EventSourcingHandler
    void on(FundingApprovedEvent event) {
        status = Status.APPROVED;
        startDate = event.startDate();
    }

    @EventSourcingHandler
    void on(FundingRejectedEvent event) {
        status = Status.REJECTED;
    }

    @EventSourcingHandler
    void on(PlacementRecordedEvent event) {
        if (event.placement() == null) {
            placements.remove(event.placementId());
            erasedPlacements.add(event.placementId());
        } else {
            placements.put(event.placementId(), event.placement());
            erasedPlacements.remove(event.placementId());
        }
    }

    @EventSourcingHandler
    void on(PlacementBonusForfeitedEvent event) {
        forfeited.add(event.placementId());
    }

    @EventSourcingHandler
    void on(ClosureRecordedEvent event) {
        closed = true;
        closedOn = event.closedOn();
        detailsErased |= closedOn == null;
    }

    @EventSourcingHandler
    void on(PaymentScheduledEvent event) {
        lineDue.put(event.lineId(), event.dueDate());
        lineTypes.put(event.lineId(), event.type());
        if (event.type() == PaymentType.PLACEMENT_BONUS) {
            bonusScheduled = true;
        }
    }

    @EventSourcingHandler
    void on(PaymentRescheduledEvent event) {
        lineDue.put(event.lineId(), event.dueDate());
    }

    @EventSourcingHandler
    void on(PaymentFellDueEvent event) {
        settledLines.add(event.lineId());
    }

    @EventSourcingHandler
    void on(PaymentCancelledEvent event) {
        settledLines.add(event.lineId());
    }
}
