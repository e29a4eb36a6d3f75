package nl.ipsexchange.mha.command.client;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import nl.ipsexchange.kernel.RuleViolationException;
import nl.ipsexchange.mha.command.client.ClientCommands.RecordEmploymentInformationCommand;
import nl.ipsexchange.mha.command.client.ClientCommands.RecordHealthInformationCommand;
import nl.ipsexchange.mha.command.client.ClientCommands.RegisterClientCommand;
import nl.ipsexchange.mha.command.client.ClientEvents.ClientRegisteredEvent;
import nl.ipsexchange.mha.command.client.ClientEvents.EmploymentInformationRecordedEvent;
import nl.ipsexchange.mha.command.client.ClientEvents.HealthInformationRecordedEvent;

/** A client of the mental health agency, event-sourced in this agency's own event store. */
@Aggregate
public class Client {

    @AggregateIdentifier
    private String clientId;

    protected Client() {
        // for Axon
    }

    @CommandHandler
    public Client(RegisterClientCommand command) {
        requireText(command.name(), "name");
        requireText(command.municipality(), "municipality");
        if (!Bsn.isValid(command.bsn())) {
            throw RuleViolationException.invalid("bsn is not a valid citizen service number");
        }
        if (command.dateOfBirth() == null || !command.dateOfBirth().isBefore(command.registeredOn())) {
            throw RuleViolationException.invalid("dateOfBirth must be before the registration date");
        }
        if (command.benefit() == null) {
            throw RuleViolationException.invalid("benefit is required");
        }
        apply(new ClientRegisteredEvent(command.clientId(), command.name().strip(), command.bsn(),
                command.dateOfBirth(), command.benefit(), command.municipality().strip(), command.registeredOn()));
    }

    @CommandHandler
    public void handle(RecordHealthInformationCommand command) {
        if (command.category() == null || !command.category().isHealthData()) {
            throw RuleViolationException.invalid("category: must be HEALTH_SUMMARY, DIAGNOSIS or TREATMENT");
        }
        requireText(command.encryptedText(), "text");
        apply(new HealthInformationRecordedEvent(clientId, command.category(), command.encryptedText()));
    }

    @CommandHandler
    public void handle(RecordEmploymentInformationCommand command) {
        apply(new EmploymentInformationRecordedEvent(clientId,
                command.jobPreferences() == null ? "" : command.jobPreferences().strip(),
                command.disclosureToEmployer()));
    }

    @EventSourcingHandler
    void on(ClientRegisteredEvent event) {
        this.clientId = event.clientId();
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw RuleViolationException.invalid(field + " is required");
        }
    }
}
