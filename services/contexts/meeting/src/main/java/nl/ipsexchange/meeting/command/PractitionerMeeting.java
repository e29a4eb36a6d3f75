package nl.ipsexchange.meeting.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.HashSet;
import java.util.Set;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import nl.ipsexchange.kernel.RuleViolationException;
import nl.ipsexchange.meeting.command.DecisionKind;
import nl.ipsexchange.meeting.command.MeetingEvents.MeetingDecisionRecordedEvent;
import nl.ipsexchange.meeting.command.MeetingCommands.RecordMeetingDecisionCommand;

/**
 * One practitioner meeting (section 3, step 4) as this agency records it: the decisions its practitioners took,
 * funding qualifications and actions with owners. Each decision is an event in this agency's own event store.
 */
@Aggregate
public class PractitionerMeeting {

    @AggregateIdentifier
    private String meetingId;
    private final Set<String> decisions = new HashSet<>();

    protected PractitionerMeeting() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RecordMeetingDecisionCommand command) {
        if (decisions.contains(command.decisionId())) {
            return; // the same decision again changes nothing
        }
        if (command.caseRef() == null || command.caseRef().isBlank()) {
            throw RuleViolationException.invalid("caseRef: is required");
        }
        if (command.kind() == DecisionKind.FUNDING_QUALIFICATION && command.qualifies() == null) {
            throw RuleViolationException.invalid("qualifies: is required for a funding qualification");
        }
        if (command.kind() == DecisionKind.ACTION) {
            if (command.action() == null || command.action().isBlank()) {
                throw RuleViolationException.invalid("action: is required");
            }
            if (command.owner() == null || command.owner().isBlank()) {
                throw RuleViolationException.invalid("owner: is required");
            }
            if (command.due() != null && command.due().isBefore(command.meetingDate())) {
                throw RuleViolationException.invalid("due: must not be before the meeting");
            }
        }
        apply(new MeetingDecisionRecordedEvent(command.meetingId(), command.meetingDate(), command.decisionId(),
                command.caseRef().strip(), command.kind(), command.qualifies(), strip(command.action()),
                strip(command.owner()), command.due(), strip(command.note()), command.decidedBy()));
    }

    private static String strip(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    @EventSourcingHandler
    void on(MeetingDecisionRecordedEvent event) {
        meetingId = event.meetingId();
        decisions.add(event.decisionId());
    }
}
