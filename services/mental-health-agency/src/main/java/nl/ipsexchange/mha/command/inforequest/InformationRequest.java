package nl.ipsexchange.mha.command.inforequest;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.RuleViolationException;
import nl.ipsexchange.kernel.sharing.InformationRequestAnsweredEvent.Outcome;
import nl.ipsexchange.kernel.sharing.InformationRequestAnsweredEvent.Reason;
import nl.ipsexchange.mha.command.inforequest.InformationRequestCommands.DecideInformationRequestCommand;
import nl.ipsexchange.mha.command.inforequest.InformationRequestEvents.InformationRequestDecidedEvent;
import nl.ipsexchange.mha.command.inforequest.InformationRequestEvents.InformationRequestReceivedEvent;
import nl.ipsexchange.mha.command.inforequest.InformationRequestCommands.ReceiveInformationRequestCommand;

/**
 * Another agency's request for categories of a client's data (section 5). A clinician grants, grants in part or
 * denies with a reason (their own words, kept here, and a code the requesting agency is told); a grant beyond the
 * client's consent becomes "consent required", never a silent grant.
 */
@Aggregate
public class InformationRequest {

    @AggregateIdentifier
    private String requestId;
    private String clientId;
    private Agency requestingAgency;
    private Purpose purpose;
    private Set<DataCategory> requested;
    private boolean decided;

    protected InformationRequest() {
        // for Axon
    }

    @CommandHandler
    public InformationRequest(ReceiveInformationRequestCommand command) {
        if (command.categories() == null || command.categories().isEmpty()) {
            throw RuleViolationException.invalid("categories: at least one is required");
        }
        apply(new InformationRequestReceivedEvent(command.requestId(), command.clientId(), command.requestingAgency(),
                command.requestedBy(), command.role(), Set.copyOf(command.categories()), command.purpose(),
                command.requestedAt()));
        if (!command.clientRegistered()) {
            // nothing for a clinician to decide: the asking agency hears at once, and the trail keeps the answer
            apply(new InformationRequestDecidedEvent(command.requestId(), command.clientId(),
                    command.requestingAgency(), command.purpose(), Outcome.DENIED, Set.of(), null,
                    Reason.UNKNOWN_CLIENT, DECIDED_BY_THE_SERVICE));
        }
    }

    /** Who decided a request that no clinician had to: this service, by its rules. */
    public static final String DECIDED_BY_THE_SERVICE = "mental-health-agency";

    @CommandHandler
    public Outcome handle(DecideInformationRequestCommand command) {
        if (decided) {
            throw RuleViolationException.conflict("request " + requestId + " has already been answered");
        }
        Outcome outcome = command.outcome();
        if (outcome == null || outcome == Outcome.CONSENT_REQUIRED) {
            throw RuleViolationException.invalid("outcome: must be GRANTED, PARTIALLY_GRANTED or DENIED");
        }
        String reason = command.reason() == null ? null : command.reason().strip();
        Reason code = reasonCode(outcome, command.reasonCode());
        if (outcome == Outcome.DENIED) {
            requireReason(reason);
            apply(new InformationRequestDecidedEvent(requestId, clientId, requestingAgency, purpose, Outcome.DENIED,
                    Set.of(), reason, code, command.decidedBy()));
            return Outcome.DENIED;
        }
        Set<DataCategory> granted = outcome == Outcome.GRANTED && (command.categories() == null
                || command.categories().isEmpty()) ? requested : Set.copyOf(command.categories());
        if (!requested.containsAll(granted) || granted.isEmpty()) {
            throw RuleViolationException.invalid("categories: must be among the requested " + requested);
        }
        if (outcome == Outcome.GRANTED && !granted.equals(requested)) {
            throw RuleViolationException.invalid("categories: a full grant grants every requested category; "
                    + "use PARTIALLY_GRANTED");
        }
        if (outcome == Outcome.PARTIALLY_GRANTED) {
            requireReason(reason);
            if (granted.equals(requested)) {
                throw RuleViolationException.invalid("categories: a partial grant leaves out at least one category");
            }
        }
        Set<DataCategory> uncovered = EnumSet.noneOf(DataCategory.class);
        uncovered.addAll(granted);
        uncovered.removeAll(command.coveredCategories());
        if (!uncovered.isEmpty()) {
            apply(new InformationRequestDecidedEvent(requestId, clientId, requestingAgency, purpose,
                    Outcome.CONSENT_REQUIRED, Set.of(), "the client's consent does not cover " + uncovered + " for "
                    + requestingAgency + " and " + purpose, Reason.NOT_COVERED_BY_CONSENT, command.decidedBy()));
            return Outcome.CONSENT_REQUIRED;
        }
        apply(new InformationRequestDecidedEvent(requestId, clientId, requestingAgency, purpose, outcome, granted,
                reason, code, command.decidedBy()));
        return outcome;
    }

    /** What the requesting agency is told: a clinician's code, OTHER when none is given; nothing for a full grant. */
    private static Reason reasonCode(Outcome outcome, Reason given) {
        if (outcome == Outcome.GRANTED) {
            if (given != null) {
                throw RuleViolationException.invalid("reasonCode: a full grant has no reason");
            }
            return null;
        }
        if (given != null && !given.isClinicians()) {
            throw RuleViolationException.invalid("reasonCode: " + given + " is the service's own answer; a clinician "
                    + "gives one of " + Arrays.stream(Reason.values()).filter(Reason::isClinicians).toList());
        }
        return given == null ? Reason.OTHER : given;
    }

    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw RuleViolationException.invalid("reason: is required");
        }
    }

    @EventSourcingHandler
    void on(InformationRequestReceivedEvent event) {
        requestId = event.requestId();
        clientId = event.clientId();
        requestingAgency = event.requestingAgency();
        purpose = event.purpose();
        requested = event.categories();
    }

    @EventSourcingHandler
    void on(InformationRequestDecidedEvent event) {
        decided = true;
    }
}
