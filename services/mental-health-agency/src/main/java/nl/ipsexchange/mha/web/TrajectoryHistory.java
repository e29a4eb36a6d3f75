package nl.ipsexchange.mha.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.ClientReferredEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.EmployerContactRecordedEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.FundingApplicationRefusedEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.FundingAppliedEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.IntakeHoursRefusedEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.IntakeSessionRecordedEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.IntakeSessionRefusedEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.JobCoachingRecordedEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.PlacementEndedEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.PlacementStartedEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.TrajectoryClosedEvent;
import nl.ipsexchange.mha.command.trajectory.TrajectoryEvents.TrajectoryReassignedEvent;
import nl.ipsexchange.mha.query.trajectory.TrajectoryView;

/**
 * Everything that happened in a trajectory, in plain words and date order: each step as the trajectory's own events
 * tell it (the projection keeps only totals, such as the number of intake consultations), then the funder's decision
 * and payments as the funder reported them (ADR 0050). Text the client's erasure made unreadable shows as a dash.
 */
@Component
public class TrajectoryHistory {

    /** One thing that happened, on its effective date. */
    public record Entry(LocalDate date, String what) {
    }

    private final EventStore events;

    public TrajectoryHistory(EventStore events) {
        this.events = events;
    }

    public List<Entry> of(TrajectoryView trajectory) {
        List<Entry> entries = new ArrayList<>();
        LocalDate lastIntake = trajectory.referredOn();
        DomainEventStream stream = events.readEvents(trajectory.trajectoryId());
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            Object event = message.getPayload();
            if (event instanceof ClientReferredEvent referred) {
                entries.add(new Entry(referred.referredOn(), "Referred to " + or(referred.team(), "the IPS team")
                        + (referred.specialist() == null ? "" : ", specialist " + referred.specialist())));
            } else if (event instanceof TrajectoryReassignedEvent reassigned) {
                entries.add(new Entry(reassigned.reassignedOn(), "Moved to " + reassigned.team()
                        + (reassigned.specialist() == null ? "" : ", specialist " + reassigned.specialist())));
            } else if (event instanceof IntakeSessionRecordedEvent intake) {
                lastIntake = intake.date();
                entries.add(new Entry(intake.date(), "Intake consultation " + intake.sessionNumber() + ": "
                        + hours(intake.hours()) + ", " + hours(intake.billableHours()) + " billed"));
            } else if (event instanceof IntakeHoursRefusedEvent refused) {
                entries.add(new Entry(lastIntake, "Intake consultation " + refused.sessionNumber() + ": "
                        + hours(refused.refusedHours()) + " not billed (" + refused.reason() + ")"));
            } else if (event instanceof IntakeSessionRefusedEvent refused) {
                entries.add(new Entry(refused.date(), "Intake consultation not recorded: " + refused.reason()));
            } else if (event instanceof FundingAppliedEvent applied) {
                entries.add(new Entry(applied.appliedOn(), "Funding applied for at " + Words.agency(applied.funder())));
            } else if (event instanceof FundingApplicationRefusedEvent refused) {
                entries.add(new Entry(refused.appliedOn(), "Funding not applied for: " + refused.reason()));
            } else if (event instanceof EmployerContactRecordedEvent contact) {
                entries.add(new Entry(contact.date(), "Employer contact with " + or(contact.employer(), "–")
                        + (contact.first() ? " (the first, " + contact.daysSinceReferral() + " days after referral)"
                        : "")));
            } else if (event instanceof PlacementStartedEvent started) {
                entries.add(new Entry(started.startDate(), "Job started: " + or(started.jobTitle(), "–") + " at "
                        + or(started.employer(), "–") + ", " + hours(started.hoursPerWeek()) + " a week"
                        + (started.competitive() ? ", competitive" : ", not competitive")));
            } else if (event instanceof PlacementEndedEvent ended) {
                entries.add(new Entry(ended.endDate(), "Job ended"
                        + (ended.reason() == null || ended.reason().isBlank() ? "" : ": " + ended.reason())));
            } else if (event instanceof JobCoachingRecordedEvent coaching) {
                entries.add(new Entry(coaching.date(), "Job coaching: " + hours(coaching.hours())));
            } else if (event instanceof TrajectoryClosedEvent closed) {
                entries.add(new Entry(closed.closedOn(), "Trajectory closed"
                        + (closed.reason() == null || closed.reason().isBlank() ? "" : ": " + closed.reason())));
            }
        }
        TrajectoryView.FundingDecisionView decision = trajectory.fundingDecision();
        if (decision != null) {
            entries.add(new Entry(decision.decidedOn(), "Funding decision: "
                    + TrajectoryPage.fundingWords(trajectory)));
        }
        for (TrajectoryView.PaymentLineView line : trajectory.paymentLines()) {
            if (line.paidOn() != null) {
                entries.add(new Entry(line.paidOn(), "Paid by " + Words.agency(line.funder()) + ": "
                        + euro(line.amount())
                        + (line.type() == null ? "" : " (" + Words.paymentType(line.type()) + ")")));
            }
        }
        entries.sort(Comparator.comparing(Entry::date, Comparator.nullsLast(Comparator.naturalOrder())));
        return entries;
    }

    /** An amount in euro as people write it: € 1,234.50. */
    public static String euro(BigDecimal amount) {
        return amount == null ? "–" : String.format(Locale.ENGLISH, "€ %,.2f", amount);
    }

    private static String hours(BigDecimal hours) {
        return hours == null ? "–" : hours.stripTrailingZeros().toPlainString() + " h";
    }

    private static String or(String text, String otherwise) {
        return text == null ? otherwise : text;
    }
}
