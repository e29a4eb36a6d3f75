package nl.ipsexchange.mha.command.consent;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.Set;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.RuleViolationException;
import nl.ipsexchange.kernel.consent.ConsentTerms;
import nl.ipsexchange.mha.command.consent.ConsentCommands.GiveConsentCommand;
import nl.ipsexchange.mha.command.consent.ConsentCommands.RevokeConsentCommand;
import nl.ipsexchange.mha.command.consent.ConsentEvents.ConsentExpiredEvent;
import nl.ipsexchange.mha.command.consent.ConsentEvents.ConsentGivenEvent;
import nl.ipsexchange.mha.command.consent.ConsentEvents.ConsentRevokedEvent;

/**
 * One consent of a client (section 5 of the domain brief): given for recipients, categories and purposes and a
 * validity period; revocable at any time; expires by itself at the end of {@code validUntil}.
 */
@Aggregate
public class Consent {

    static final String EXPIRY = "consent-expiry";

    @AggregateIdentifier
    private String consentId;
    private String clientId;
    private ConsentTerms terms;
    private boolean ended;

    protected Consent() {
        // for Axon
    }

    @CommandHandler
    public Consent(GiveConsentCommand command, DeadlineManager deadlines) {
        requireSome(command.recipients(), "recipients");
        requireSome(command.categories(), "categories");
        requireSome(command.purposes(), "purposes");
        if (command.recipients().contains(Agency.MENTAL_HEALTH)) {
            throw RuleViolationException.invalid("recipients: the mental health agency holds the data itself");
        }
        if (command.validFrom() == null || command.validUntil() == null) {
            throw RuleViolationException.invalid("validFrom and validUntil are required");
        }
        if (command.validUntil().isBefore(command.validFrom())) {
            throw RuleViolationException.invalid("validUntil: must not be before validFrom");
        }
        if (command.validUntil().isBefore(command.today())) {
            throw RuleViolationException.invalid("validUntil: must not be in the past");
        }
        ConsentGivenEvent given = new ConsentGivenEvent(command.consentId(), command.clientId(), command.effect(),
                Set.copyOf(command.recipients()), Set.copyOf(command.categories()), Set.copyOf(command.purposes()),
                command.validFrom(), command.validUntil());
        apply(given);
        deadlines.schedule(given.terms().expiresAt(), EXPIRY);
    }

    @CommandHandler
    public void handle(RevokeConsentCommand command, DeadlineManager deadlines) {
        if (!clientId.equals(command.clientId())) {
            // someone else's consent: answer as if it did not exist for this client
            throw new RuleViolationException(RuleViolationException.Kind.NOT_FOUND,
                    "this client has no consent " + command.consentId());
        }
        if (ended) {
            throw RuleViolationException.conflict("consent " + consentId + " has already ended");
        }
        apply(new ConsentRevokedEvent(consentId, clientId, command.reason(), command.revokedAt()));
        deadlines.cancelAllWithinScope(EXPIRY);
    }

    @DeadlineHandler(deadlineName = EXPIRY)
    void expire() {
        if (!ended) {
            apply(new ConsentExpiredEvent(consentId, clientId, terms.expiresAt()));
        }
    }

    @EventSourcingHandler
    void on(ConsentGivenEvent event) {
        this.consentId = event.consentId();
        this.clientId = event.clientId();
        this.terms = event.terms();
    }

    @EventSourcingHandler
    void on(ConsentRevokedEvent event) {
        this.ended = true;
    }

    @EventSourcingHandler
    void on(ConsentExpiredEvent event) {
        this.ended = true;
    }

    private static void requireSome(Set<?> values, String field) {
        if (values == null || values.isEmpty()) {
            throw RuleViolationException.invalid(field + ": at least one is required");
        }
    }
}
