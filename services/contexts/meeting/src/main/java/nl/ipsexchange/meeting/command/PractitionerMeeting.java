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
import nl.ipsexchange.meeting.command.MeetingCommands.ReceiveMeetingDecisionCommand;
import nl.ipsexchange.meeting.command.MeetingCommands.RecordMeetingDecisionCommand;
import nl.ipsexchange.meeting.command.MeetingEvents.MeetingDecisionReceivedEvent;
import nl.ipsexchange.meeting.command.MeetingEvents.MeetingDecisionRecordedEvent;

/**
 * One practitioner meeting (section 3, step 4) as this agency records it: the decisions its practitioners took,
 * funding qualifications and actions with owners, each about a case on this agency's agenda (ADR 49), and at the
 * client's provider also the decisions the other agencies sent it. Each decision is an event in this agency's own
 * event store, kept once.
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
    public void handle(RecordMeetingDecisionCommand command, CasesOnTheAgenda agenda) {
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
        CasesOnTheAgenda.Case listed = agenda.listed(command.caseRef().strip()).orElseThrow(() ->
                RuleViolationException.refused("caseRef: this case is not on the meeting's agenda"));
        if (command.kind() == DecisionKind.FUNDING_QUALIFICATION && !listed.applicant()) {
            throw RuleViolationException.refused(
                    "kind: a funding qualification is for a new applicant for funding, and this case is not one");
        }
        apply(new MeetingDecisionRecordedEvent(command.meetingId(), command.meetingDate(), command.decisionId(),
                listed.caseRef(), command.kind(), command.qualifies(), strip(command.action()),
                strip(command.owner()), command.due(), strip(command.note()), command.decidedBy(),
                listed.clientId(), listed.trajectoryId()));
    }

    /** Another agency's decision, as its sender checked it: kept once, like this agency's own. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ReceiveMeetingDecisionCommand command) {
        if (decisions.contains(command.decisionId())) {
            return;
        }
        apply(new MeetingDecisionReceivedEvent(command.meetingId(), command.meetingDate(), command.decisionId(),
                command.recordedAt(), command.clientId(), command.caseRef(), command.trajectoryId(), command.kind(),
                command.qualifies(), command.action(), command.owner(), command.due(), command.decidedBy()));
    }

    private static String strip(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    @EventSourcingHandler
    void on(MeetingDecisionRecordedEvent event) {
        meetingId = event.meetingId();
        decisions.add(event.decisionId());
    }

    @EventSourcingHandler
    void on(MeetingDecisionReceivedEvent event) {
        meetingId = event.meetingId();
        decisions.add(event.decisionId());
    }
}
