package nl.ipsexchange.mha.command;

import java.util.Map;

import org.springframework.stereotype.Component;

import nl.ipsexchange.mha.command.client.ClientEvents.ClientRegisteredEvent;
import nl.ipsexchange.mha.command.client.ClientEvents.EmploymentInformationRecordedEvent;
import nl.ipsexchange.mha.command.client.ClientEvents.HealthInformationRecordedEvent;
import nl.ipsexchange.mha.command.consent.ConsentEvents.ConsentExpiredEvent;
import nl.ipsexchange.mha.command.consent.ConsentEvents.ConsentGivenEvent;
import nl.ipsexchange.mha.command.consent.ConsentEvents.ConsentRevokedEvent;
import nl.ipsexchange.mha.command.fidelity.FidelityReviewEvents.FidelityReviewRecordedEvent;
import nl.ipsexchange.mha.command.inforequest.InformationRequestEvents.InformationRequestDecidedEvent;
import nl.ipsexchange.mha.command.inforequest.InformationRequestEvents.InformationRequestReceivedEvent;
import nl.ipsexchange.platform.axon.MovedEventTypes;

/**
 * This agency's events stored before its messages were gathered into one file per aggregate and kind (ADR 0042)
 * read as the same events under their new names: a client's, a consent's and a fidelity review's events each had a
 * file of their own; an information request's shared one with its commands.
 */
@Component
public class StoredEventTypes extends MovedEventTypes {

    private static final String COMMANDS = "nl.ipsexchange.mha.command.";

    public StoredEventTypes() {
        super(Map.of(
                COMMANDS + "client.ClientRegisteredEvent", ClientRegisteredEvent.class.getName(),
                COMMANDS + "client.HealthInformationRecordedEvent", HealthInformationRecordedEvent.class.getName(),
                COMMANDS + "client.EmploymentInformationRecordedEvent",
                EmploymentInformationRecordedEvent.class.getName(),
                COMMANDS + "consent.ConsentGivenEvent", ConsentGivenEvent.class.getName(),
                COMMANDS + "consent.ConsentRevokedEvent", ConsentRevokedEvent.class.getName(),
                COMMANDS + "consent.ConsentExpiredEvent", ConsentExpiredEvent.class.getName(),
                COMMANDS + "fidelity.FidelityReviewRecordedEvent", FidelityReviewRecordedEvent.class.getName(),
                COMMANDS + "inforequest.InformationRequestMessages$InformationRequestReceivedEvent",
                InformationRequestReceivedEvent.class.getName(),
                COMMANDS + "inforequest.InformationRequestMessages$InformationRequestDecidedEvent",
                InformationRequestDecidedEvent.class.getName()));
    }
}
