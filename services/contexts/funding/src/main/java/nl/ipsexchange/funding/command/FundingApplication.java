package nl.ipsexchange.funding.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import nl.ipsexchange.funding.command.FunderPolicy.Payment;
import nl.ipsexchange.funding.command.FundingCommands.ApproveFundingCommand;
import nl.ipsexchange.funding.command.FundingCommands.FidelityRefusal;
import nl.ipsexchange.funding.command.FundingCommands.ReceiveFundingApplicationCommand;
import nl.ipsexchange.funding.command.FundingCommands.RecordClosureCommand;
import nl.ipsexchange.funding.command.FundingCommands.RecordJobCoachingCommand;
import nl.ipsexchange.funding.command.FundingCommands.RecordPaymentCommand;
import nl.ipsexchange.funding.command.FundingCommands.RecordPlacementCommand;
import nl.ipsexchange.funding.command.FundingCommands.RejectFundingCommand;
import nl.ipsexchange.funding.command.FundingEvents.ClosureRecordedEvent;
import nl.ipsexchange.funding.command.FundingEvents.CovenantTermsPinnedEvent;
import nl.ipsexchange.funding.command.FundingEvents.FundingApplicationReceivedEvent;
import nl.ipsexchange.funding.command.FundingEvents.FundingApprovalRefusedEvent;
import nl.ipsexchange.funding.command.FundingEvents.FundingApprovedEvent;
import nl.ipsexchange.funding.command.FundingEvents.FundingRejectedEvent;
import nl.ipsexchange.funding.command.FundingEvents.JobCoachingSessionRecordedEvent;
import nl.ipsexchange.funding.command.FundingEvents.PaymentCancelledEvent;
import nl.ipsexchange.funding.command.FundingEvents.PaymentCorrectedEvent;
import nl.ipsexchange.funding.command.FundingEvents.PaymentFellDueEvent;
import nl.ipsexchange.funding.command.FundingEvents.PaymentRecordedEvent;
import nl.ipsexchange.funding.command.FundingEvents.PaymentRescheduledEvent;
import nl.ipsexchange.funding.command.FundingEvents.PaymentScheduledEvent;
import nl.ipsexchange.funding.command.FundingEvents.PlacementBonusForfeitedEvent;
import nl.ipsexchange.funding.command.FundingEvents.PlacementRecordedEvent;
import nl.ipsexchange.kernel.RuleViolationException;
import nl.ipsexchange.kernel.consent.ConsentTerms;
import nl.ipsexchange.kernel.funding.FunderTerms;
import nl.ipsexchange.kernel.funding.FundingDecisionReason;
import nl.ipsexchange.kernel.funding.PaymentType;
import nl.ipsexchange.kernel.funding.Placement;

/**
 * A funding application at the funder (municipality or benefits agency) and, once approved, its payment schedule
 * computed by the funder's part of the covenant, its {@link FunderPolicy} (a bean of the funder's service, a
 * parameter of the handlers): what the funder pays and which lines it schedules are the policy's, so nothing here
 * names a funder. Each line exists once (by line id): replays and redelivered messages never add one. Lines fall due
 * on their due date through Axon deadlines.
 * <p>
 * An approval pins the funder's terms of the covenant version in force on the day of the decision (ADRs 48, 52): every
 * later line is worked out under those terms ({@link FunderPolicy#under}), whatever covenant versions the service has
 * loaded since. An approval stored before approvals pinned terms pins, at its next fact, those of the version in force
 * on the day it was decided. Whether the fidelity condition opens funding is the funder's {@code FidelityGate}'s
 * verdict alone, which the approval command carries.
 * <p>
 * What the mental health agency sent about the client is stored encrypted (see {@link FundingEvents}); once the
 * client's consent ended and the key was destroyed, it reads back erased (null). Loading never fails on that and
 * schedules nothing; a decision that would need the erased data is refused with that reason instead.
 */
@Aggregate
public class FundingApplication {

    static final String PAYMENT_DUE = "payment-due";
    static final String BONUS_CHECK = "bonus-check";
    /** A payment's reference as the funder's books name it (the page posts it unchecked, so the rule is here). */
    static final int MAX_REFERENCE = 100;
    /** The slot of the placement bonus: at most one active line per trajectory. */
    private static final String BONUS = PaymentType.PLACEMENT_BONUS.name();

    private enum Status { RECEIVED, APPROVED, REJECTED }

    @AggregateIdentifier
    private String applicationId;
    private String clientId;
    private LocalDate referredOn;
    private Status status;
    private LocalDate startDate;
    /** The terms the approval pinned; null before the approval, and for one stored before approvals pinned them. */
    private FunderTerms terms;
    /** The day the approval was decided (recorded). */
    private LocalDate approvedOn;
    private boolean detailsErased;
    private boolean closed;
    private LocalDate closedOn;
    private final Map<String, Placement> placements = new LinkedHashMap<>();
    private final Set<String> erasedPlacements = new HashSet<>();
    private final Map<String, Line> lines = new LinkedHashMap<>();
    private final Map<String, Coaching> coaching = new LinkedHashMap<>();
    private final Set<String> forfeited = new HashSet<>();

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

    /**
     * Approves under the funder's terms of the covenant version in force on the day of the decision, unless the
     * fidelity condition refused (the funder's {@code FidelityGate} judged it: the refusal travels in the command) or
     * the details are gone; both refusals are recorded with their codes.
     *
     * @return the refusal's reason, or empty when approved
     */
    @CommandHandler
    public Optional<String> handle(ApproveFundingCommand command, FunderPolicy policy, DeadlineManager deadlines) {
        if (status != Status.RECEIVED) {
            throw RuleViolationException.conflict("the application was already " + status.name().toLowerCase());
        }
        if (detailsErased) {
            String reason = "the application's details were erased when the client's consent ended: it can no "
                    + "longer be decided";
            apply(new FundingApprovalRefusedEvent(applicationId, clientId, reason,
                    FundingDecisionReason.DETAILS_ERASED));
            return Optional.of(reason);
        }
        if (command.startDate() == null || command.startDate().isBefore(referredOn)) {
            throw RuleViolationException.invalid("startDate: must not be before the referral (" + referredOn + ")");
        }
        FidelityRefusal refusal = command.fidelityRefusal();
        if (refusal != null) {
            apply(new FundingApprovalRefusedEvent(applicationId, clientId, refusal.reason(), refusal.code()));
            return Optional.of(refusal.reason());
        }
        // a conflict, recording nothing, before the covenant's first version is in force
        FunderTerms inForce = policy.termsForAnApprovalOn(command.today());
        apply(new FundingApprovedEvent(applicationId, clientId, command.startDate(), inForce));
        FunderPolicy pinned = pinned(policy);
        reconcile(pinned, command.today(), deadlines);
        placements.values().forEach(placement -> checkBonusWhenDue(placement, pinned, command.today(), deadlines));
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
        FunderPolicy pinned = pinned(policy);
        reconcile(pinned, command.today(), deadlines);
        if (status == Status.APPROVED && known == null) {
            // a later end report needs no new check: the check reads the placement as it is then
            checkBonusWhenDue(command.placement(), pinned, command.today(), deadlines);
        }
    }

    @CommandHandler
    public void handle(RecordClosureCommand command, FunderPolicy policy, DeadlineManager deadlines) {
        if (closed) {
            return;
        }
        apply(new ClosureRecordedEvent(applicationId, clientId, command.closedOn()));
        reconcile(pinned(policy), command.today(), deadlines);
    }

    /**
     * A session is a fact while the application is undecided (the terms its approval pins decide what it is worth) and
     * once approved when the pinned terms pay job coaching; after a rejection, or under terms that pay none, nothing
     * of it is kept.
     */
    @CommandHandler
    public void handle(RecordJobCoachingCommand command, FunderPolicy policy, DeadlineManager deadlines) {
        if (coaching.containsKey(command.sessionId()) || status == Status.REJECTED) {
            return; // the same session again, or one after a rejection, changes nothing
        }
        FunderPolicy pinned = pinned(policy);
        if (status == Status.APPROVED && pinned.jobCoachingAmount(command.hours()).isEmpty()) {
            return;
        }
        apply(new JobCoachingSessionRecordedEvent(applicationId, clientId, command.sessionId(), command.date(),
                command.hours()));
        reconcile(pinned, command.today(), deadlines);
    }

    @CommandHandler
    public void handle(RecordPaymentCommand command) {
        Line line = lines.get(command.lineId());
        if (line == null) {
            throw RuleViolationException.invalid("lineId: no line " + command.lineId() + " in this schedule");
        }
        if (command.reference() == null || command.reference().isBlank()) {
            throw RuleViolationException.invalid("reference: is required");
        }
        if (command.reference().strip().length() > MAX_REFERENCE) {
            throw RuleViolationException.invalid("reference: must be at most " + MAX_REFERENCE + " characters");
        }
        if (command.paidOn() == null || command.paidOn().isAfter(command.today())) {
            throw RuleViolationException.invalid("paidOn: is required and must not be after today");
        }
        String reference = command.reference().strip();
        switch (line.state()) {
            case PAID -> {
                if (line.paidOn().equals(command.paidOn()) && line.reference().equals(reference)) {
                    return; // the same payment recorded again changes nothing
                }
                throw RuleViolationException.conflict("the line was already paid on " + line.paidOn()
                        + " (reference " + line.reference() + ")");
            }
            case CANCELLED -> throw RuleViolationException.conflict("the line was cancelled: nothing is owed");
            case SCHEDULED -> throw RuleViolationException.conflict("the line is not due until " + line.due());
            default -> {
                if (command.paidOn().isBefore(line.due())) {
                    throw RuleViolationException.invalid("paidOn: must not be before the line's due date ("
                            + line.due() + ")");
                }
                apply(new PaymentRecordedEvent(applicationId, clientId, line.lineId(), line.type(), line.amount(),
                        command.paidOn(), reference));
            }
        }
    }

    @DeadlineHandler(deadlineName = PAYMENT_DUE)
    void paymentDue(String lineId) {
        Line line = lines.get(lineId);
        if (line != null && line.state() == LineState.SCHEDULED) {
            apply(new PaymentFellDueEvent(applicationId, lineId));
        }
    }

    /** The day a job's required period is complete: the schedule is worked out again as of that day. */
    @DeadlineHandler(deadlineName = BONUS_CHECK)
    void bonusCheck(String placementId, FunderPolicy policy, DeadlineManager deadlines) {
        Placement placement = placements.get(placementId);
        if (placement != null) {
            FunderPolicy pinned = pinned(policy);
            reconcile(pinned, pinned.bonusDueDate(placement), deadlines);
        } else if (erasedPlacements.contains(placementId)) {
            refuseErasedBonus(placementId);
        }
    }

    /**
     * The funder's policy under the terms this trajectory keeps: those its approval pinned. An approval stored
     * before approvals pinned terms pins those of the version in force on the day it was decided, once, by an event,
     * and keeps them from then on. Before an approval, the service's policy, which computes nothing (nothing is
     * scheduled before it).
     */
    private FunderPolicy pinned(FunderPolicy policy) {
        if (status != Status.APPROVED) {
            return policy;
        }
        if (terms == null) {
            apply(new CovenantTermsPinnedEvent(applicationId, policy.termsOfAnApprovalStoredWithoutThem(approvedOn)));
        }
        return policy.under(terms);
    }

    /** A placement whose details were erased cannot earn the bonus: that is recorded, once. */
    private void refuseErasedBonus(String placementId) {
        if (activeLine(BONUS) == null && !forfeited.contains(placementId)) {
            apply(new PlacementBonusForfeitedEvent(applicationId, clientId, placementId,
                    "the placement's details were erased when the client's consent ended: the bonus cannot be "
                            + "decided"));
        }
    }

    /** A job that can still earn the bonus is looked at again on the day its period is complete. */
    private void checkBonusWhenDue(Placement placement, FunderPolicy policy, LocalDate today,
                                   DeadlineManager deadlines) {
        LocalDate due = policy.bonusDueDate(placement);
        if (due.isAfter(today) && policy.bonusDisqualification(startDate, placement).isEmpty()) {
            deadlines.schedule(due.atStartOfDay(ConsentTerms.ZONE).toInstant(), BONUS_CHECK,
                    placement.placementId());
        }
    }

    /**
     * Brings the schedule in line with the facts as known on {@code today}: the schedule is a function of the facts
     * (approval, placements and their ends, job coaching, close), whatever order they were recorded in. A line the
     * facts no longer support is cancelled, or corrected when it was paid; a line whose date moved is rescheduled,
     * unless paid; a line the facts call for is scheduled once.
     */
    private void reconcile(FunderPolicy policy, LocalDate today, DeadlineManager deadlines) {
        if (status != Status.APPROVED || detailsErased) {
            return; // nothing to schedule yet, or no longer anything to judge by: the schedule stays as it is
        }
        Map<String, Payment> wanted = new LinkedHashMap<>();
        Map<String, String> withdrawn = new LinkedHashMap<>();
        for (Payment payment : policy.onApproval(startDate, closedOn)) {
            Optional<String> cancelled = closedOn == null ? Optional.empty()
                    : policy.cancelledByClosure(payment.type(), startDate, closedOn);
            if (cancelled.isPresent()) {
                withdrawn.put(payment.type().name(), cancelled.get());
            } else {
                wanted.put(payment.type().name(), payment);
            }
        }
        coaching.forEach((sessionId, session) -> {
            Line line = activeLine(coachingSlot(sessionId));
            if (session.erased()) {
                if (line != null) { // nothing left to judge the session by: its line stays as it is
                    wanted.put(line.slot(), new Payment(PaymentType.JOB_COACHING, line.amount(), line.due()));
                }
            } else {
                session.amount(policy).ifPresent(amount -> wanted.put(coachingSlot(sessionId),
                        new Payment(PaymentType.JOB_COACHING, amount, session.date())));
            }
        });
        bonus(policy, today, withdrawn).ifPresent(bonus -> wanted.put(BONUS, bonus));

        for (Line line : List.copyOf(lines.values())) {
            if (line.isActive() && !wanted.containsKey(line.slot())) {
                withdraw(line, withdrawn.getOrDefault(line.slot(), "the facts no longer call for it"), today);
            }
        }
        wanted.forEach((slot, payment) -> {
            Line current = activeLine(slot);
            if (current == null) {
                schedule(slot, payment, today, deadlines);
            } else if (!current.due().equals(payment.dueDate()) && current.state() != LineState.PAID) {
                apply(new PaymentRescheduledEvent(applicationId, current.lineId(), payment.dueDate()));
                if (current.state() == LineState.SCHEDULED) {
                    dueOnOrAfter(current.lineId(), payment.dueDate(), today, deadlines);
                }
            }
        });
    }

    /**
     * The placement bonus the facts earn as of {@code today}, at most one: of the jobs that qualify and lasted their
     * period, the one whose period was complete first. A job whose period is still running decides later; one that
     * ended before it is forfeited, once. While a placement's details are erased, a bonus already scheduled stays.
     */
    private Optional<Payment> bonus(FunderPolicy policy, LocalDate today, Map<String, String> withdrawn) {
        Line scheduled = activeLine(BONUS);
        if (scheduled != null && !erasedPlacements.isEmpty()) {
            return Optional.of(new Payment(PaymentType.PLACEMENT_BONUS, scheduled.amount(), scheduled.due()));
        }
        // a bonus scheduled for a day was decided on that day or later: a check for an earlier day (a deadline that
        // fires late) must not undo it
        LocalDate decidedThrough = scheduled != null && scheduled.due().isAfter(today) ? scheduled.due() : today;
        Placement earliest = null;
        for (Placement placement : placements.values()) {
            LocalDate due = policy.bonusDueDate(placement);
            if (policy.bonusDisqualification(startDate, placement).isPresent() || due.isAfter(decidedThrough)) {
                continue;
            }
            if (!policy.bonusEarned(placement)) {
                String reason = "the job ended on " + placement.endDate() + ", before it lasted until " + due;
                withdrawn.putIfAbsent(BONUS, reason);
                if (!forfeited.contains(placement.placementId())) {
                    apply(new PlacementBonusForfeitedEvent(applicationId, clientId, placement.placementId(), reason));
                }
            } else if (earliest == null || due.isBefore(policy.bonusDueDate(earliest))) {
                earliest = placement;
            }
        }
        return Optional.ofNullable(earliest).map(job -> new Payment(PaymentType.PLACEMENT_BONUS, policy.bonusAmount(),
                policy.bonusDueDate(job)));
    }

    private void withdraw(Line line, String reason, LocalDate today) {
        if (line.state() == LineState.PAID) {
            apply(new PaymentCorrectedEvent(applicationId, clientId, line.lineId() + ":correction", line.lineId(),
                    line.type(), line.amount().negate(), today, reason));
        } else {
            apply(new PaymentCancelledEvent(applicationId, line.lineId(), reason));
        }
    }

    /** A new line for the slot: the slot's first keeps the plain id, a later one (after a withdrawal) is numbered. */
    private void schedule(String slot, Payment payment, LocalDate today, DeadlineManager deadlines) {
        String lineId = applicationId + ":" + slot;
        for (int number = 2; lines.containsKey(lineId); number++) {
            lineId = applicationId + ":" + slot + ":" + number;
        }
        apply(new PaymentScheduledEvent(applicationId, clientId, lineId, payment.type(), payment.amount(),
                payment.dueDate()));
        dueOnOrAfter(lineId, payment.dueDate(), today, deadlines);
    }

    private void dueOnOrAfter(String lineId, LocalDate due, LocalDate today, DeadlineManager deadlines) {
        if (!due.isAfter(today)) {
            apply(new PaymentFellDueEvent(applicationId, lineId));
        } else {
            deadlines.schedule(due.atStartOfDay(ConsentTerms.ZONE).toInstant(), PAYMENT_DUE, lineId);
        }
    }

    private Line activeLine(String slot) {
        return lines.values().stream().filter(line -> slot.equals(line.slot()) && line.isActive()).findFirst()
                .orElse(null);
    }

    private static String coachingSlot(String sessionId) {
        return PaymentType.JOB_COACHING + ":" + sessionId;
    }

    /** The slot a stored line fills: one per type, one per session for job coaching. */
    private String slotOf(String lineId, PaymentType type) {
        return type == PaymentType.JOB_COACHING ? lineId.substring(applicationId.length() + 1) : type.name();
    }

    private enum LineState { SCHEDULED, DUE, PAID, CANCELLED }

    /**
     * A schedule line as the aggregate knows it; {@code slot} is null for a correction, and for a paid line once
     * corrected (its slot is free again for a line the facts may call for later).
     */
    private record Line(String lineId, String slot, PaymentType type, BigDecimal amount, LocalDate due,
                        LineState state, LocalDate paidOn, String reference) {

        boolean isActive() {
            return slot != null && state != LineState.CANCELLED;
        }

        Line with(LineState newState) {
            return new Line(lineId, slot, type, amount, due, newState, paidOn, reference);
        }

        Line dueOn(LocalDate newDue) {
            return new Line(lineId, slot, type, amount, newDue, state, paidOn, reference);
        }

        Line paid(LocalDate on, String paymentReference) {
            return new Line(lineId, slot, type, amount, due, LineState.PAID, on, paymentReference);
        }

        Line corrected() {
            return new Line(lineId, null, type, amount, due, state, paidOn, reference);
        }
    }

    /**
     * A job-coaching session; {@code storedAmount} for one known only from its line (stored before its fact); date and
     * hours null once erased with the client's consent.
     */
    private record Coaching(LocalDate date, BigDecimal hours, BigDecimal storedAmount) {

        boolean erased() {
            return storedAmount == null && (date == null || hours == null);
        }

        Optional<BigDecimal> amount(FunderPolicy policy) {
            return storedAmount != null ? Optional.of(storedAmount) : policy.jobCoachingAmount(hours);
        }
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
    void on(FundingApprovedEvent event, @Timestamp Instant at) {
        status = Status.APPROVED;
        startDate = event.startDate();
        terms = event.terms();
        approvedOn = LocalDate.ofInstant(at, ConsentTerms.ZONE);
    }

    @EventSourcingHandler
    void on(CovenantTermsPinnedEvent event) {
        terms = event.terms();
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
        String slot = slotOf(event.lineId(), event.type());
        lines.put(event.lineId(), new Line(event.lineId(), slot, event.type(), event.amount(), event.dueDate(),
                LineState.SCHEDULED, null, null));
        if (event.type() == PaymentType.JOB_COACHING) {
            // a session stored before sessions were facts of their own: its line says what it was
            coaching.putIfAbsent(slot.substring(coachingSlot("").length()),
                    new Coaching(event.dueDate(), null, event.amount()));
        }
    }

    @EventSourcingHandler
    void on(JobCoachingSessionRecordedEvent event) {
        coaching.put(event.sessionId(), new Coaching(event.date(), event.hours(), null));
    }

    @EventSourcingHandler
    void on(PaymentRescheduledEvent event) {
        lines.computeIfPresent(event.lineId(), (id, line) -> line.dueOn(event.dueDate()));
    }

    @EventSourcingHandler
    void on(PaymentFellDueEvent event) {
        lines.computeIfPresent(event.lineId(), (id, line) -> line.with(LineState.DUE));
    }

    @EventSourcingHandler
    void on(PaymentCancelledEvent event) {
        lines.computeIfPresent(event.lineId(), (id, line) -> line.with(LineState.CANCELLED));
    }

    @EventSourcingHandler
    void on(PaymentRecordedEvent event) {
        lines.computeIfPresent(event.lineId(), (id, line) -> line.paid(event.paidOn(), event.reference()));
    }

    @EventSourcingHandler
    void on(PaymentCorrectedEvent event) {
        lines.put(event.lineId(), new Line(event.lineId(), null, event.type(), event.amount(), event.dueDate(),
                LineState.DUE, null, null));
        lines.computeIfPresent(event.correctedLineId(), (id, line) -> line.corrected());
    }

    /** The lines the facts call for now (not cancelled, not corrections), in order: for tests of the rule. */
    List<Payment> activeSchedule() {
        return lines.values().stream().filter(Line::isActive)
                .map(line -> new Payment(line.type(), line.amount(), line.due())).sorted(SCHEDULE_ORDER).toList();
    }

    private static final Comparator<Payment> SCHEDULE_ORDER = Comparator.comparing(Payment::dueDate)
            .thenComparing(Payment::type).thenComparing(Payment::amount);
}
