package nl.ipsexchange.mha.messaging;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.stereotype.Component;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.consent.ConsentEndedEvent;
import nl.ipsexchange.kernel.consent.ConsentGrantedEvent;
import nl.ipsexchange.kernel.consent.ConsentPolicy;
import nl.ipsexchange.kernel.consent.ConsentTerms;
import nl.ipsexchange.kernel.messaging.ConsentReference;
import nl.ipsexchange.kernel.messaging.IntegrationEvent;
import nl.ipsexchange.kernel.sharing.ClientDataSharedEvent;
import nl.ipsexchange.kernel.sharing.InformationRequestAnsweredEvent;
import nl.ipsexchange.mha.command.client.ClientEvents.EmploymentInformationRecordedEvent;
import nl.ipsexchange.mha.command.inforequest.InformationRequestEvents.InformationRequestDecidedEvent;
import nl.ipsexchange.mha.command.client.ClientEvents.HealthInformationRecordedEvent;
import nl.ipsexchange.mha.command.consent.ConsentEvents.ConsentExpiredEvent;
import nl.ipsexchange.mha.command.consent.ConsentEvents.ConsentGivenEvent;
import nl.ipsexchange.mha.command.consent.ConsentEvents.ConsentRevokedEvent;
import nl.ipsexchange.mha.query.client.ClientDataReader;
import nl.ipsexchange.mha.query.consent.ClientConsents;
import nl.ipsexchange.mha.query.consent.ConsentView;

/**
 * Relays consents to the recipients they name (each recipient learns only its own part), and shares client data
 * through the consent gate ({@link ConsentGate}): with a recipient only in the categories that an active consent
 * covers for that recipient and purpose, decided at the moment of sending; uncovered categories are absent from the
 * message. Every disclosure, and every category withheld, leaves an access record.
 */
@Component
@ProcessingGroup(StatusEventPublisher.PROCESSING_GROUP)
public class ConsentGateRelay {

    private static final List<Agency> RECIPIENTS = List.of(Agency.BENEFITS, Agency.MUNICIPALITY, Agency.INSURER);

    private final ConsentGate gate;
    private final ClientConsents consents;
    private final ClientDataReader clientData;
    private final Clock clock;
    private final TransitKeyStore transitKeys;

    public ConsentGateRelay(ConsentGate gate, ClientConsents consents, ClientDataReader clientData, Clock clock,
                            TransitKeyStore transitKeys) {
        this.gate = gate;
        this.consents = consents;
        this.clientData = clientData;
        this.clock = clock;
        this.transitKeys = transitKeys;
    }

    @EventHandler
    void on(ConsentGivenEvent event, @MessageIdentifier String eventId) {
        Snapshot snapshot = snapshot(event.clientId());
        for (Agency recipient : event.recipients()) {
            send(recipient, eventId, "consent", new ConsentGrantedEvent(UUID.fromString(event.consentId()),
                    event.clientId(), recipient, event.effect(), event.categories(), event.purposes(),
                    event.validFrom(), event.validUntil()), null);
            for (Purpose purpose : event.purposes()) {
                share(snapshot, recipient, purpose, eventId, EnumSet.allOf(DataCategory.class));
            }
        }
    }

    @EventHandler
    void on(ConsentRevokedEvent event, @MessageIdentifier String eventId) {
        ended(event.clientId(), event.consentId(), event.revokedAt(), ConsentEndedEvent.Reason.REVOKED, eventId);
    }

    @EventHandler
    void on(ConsentExpiredEvent event, @MessageIdentifier String eventId) {
        ended(event.clientId(), event.consentId(), event.expiredAt(), ConsentEndedEvent.Reason.EXPIRED, eventId);
    }

    @EventHandler
    void on(HealthInformationRecordedEvent event, @MessageIdentifier String eventId) {
        shareWithEveryParticipant(event.clientId(), eventId, Set.of(event.category()));
    }

    @EventHandler
    void on(EmploymentInformationRecordedEvent event, @MessageIdentifier String eventId) {
        shareWithEveryParticipant(event.clientId(), eventId, Set.of(DataCategory.EMPLOYMENT));
    }

    private void ended(String clientId, String consentId, Instant at, ConsentEndedEvent.Reason reason,
                       String eventId) {
        Optional<ConsentView> consent = consents.of(clientId).stream()
                .filter(view -> view.consentId().equals(consentId)).findFirst();
        Instant now = clock.instant();
        List<ConsentTerms> remaining = consents.termsOf(clientId).stream()
                .filter(terms -> !terms.consentId().toString().equals(consentId)).toList();
        for (Agency recipient : consent.map(ConsentView::recipients).orElse(Set.of())) {
            send(recipient, eventId, "consent-ended",
                    new ConsentEndedEvent(UUID.fromString(consentId), clientId, recipient, at, reason), null);
            transitKeys.destroy(clientId, recipient, uncovered(remaining, recipient, now));
        }
    }

    /**
     * The categories no remaining consent permits to the recipient for any purpose: their transit keys are destroyed,
     * so every copy sealed under them (the topic's included) stays unreadable; a new consent gets new keys.
     */
    private static Set<DataCategory> uncovered(List<ConsentTerms> remaining, Agency recipient, Instant now) {
        Set<DataCategory> uncovered = EnumSet.allOf(DataCategory.class);
        for (Purpose purpose : Purpose.values()) {
            uncovered.removeAll(ConsentPolicy.permittedCategories(remaining, recipient, purpose, now));
        }
        return uncovered;
    }

    /**
     * Every agency that an active consent of the client names, for every purpose it names. A receiving agency that
     * no active consent names gets nothing, and that withheld disclosure is recorded too: the category the event
     * changed (what the event itself says, not what happens to be held when it is relayed), no content, no purpose
     * (none was consented).
     */
    private void shareWithEveryParticipant(String clientId, String eventId, Set<DataCategory> changed) {
        Snapshot snapshot = snapshot(clientId);
        for (Agency recipient : RECIPIENTS) {
            Set<Purpose> purposes = snapshot.consents().purposesNaming(recipient);
            if (purposes.isEmpty()) {
                gate.withheldFromEveryPurpose(clientId, recipient, changed, eventId);
            }
            for (Purpose purpose : purposes) {
                share(snapshot, recipient, purpose, eventId, EnumSet.allOf(DataCategory.class));
            }
        }
    }

    @EventHandler
    void on(InformationRequestDecidedEvent event, @MessageIdentifier String eventId) {
        send(event.requestingAgency(), eventId, "answer", new InformationRequestAnsweredEvent(event.requestId(),
                event.clientId(), event.outcome(), event.grantedCategories(), event.reasonCode()), null);
        if (!event.grantedCategories().isEmpty()) {
            share(snapshot(event.clientId()), event.requestingAgency(), event.purpose(), eventId,
                    event.grantedCategories());
        }
    }

    /** The client's consents and data as they are when an event is relayed: read once per event, not per recipient. */
    private record Snapshot(ConsentGate.Moment consents, Optional<ClientDataSharedEvent> everything) {
    }

    private Snapshot snapshot(String clientId) {
        return new Snapshot(gate.moment(clientId), clientData.everything(clientId));
    }

    /** Shares what the consent permits at the snapshot's moment, and of that only {@code asked}. */
    private void share(Snapshot snapshot, Agency recipient, Purpose purpose, String eventId,
                       Set<DataCategory> asked) {
        // no data of the client held: nothing to share, and nothing withheld
        snapshot.everything().ifPresent(held -> gate.share(snapshot.consents(), recipient, purpose, held, asked,
                eventId));
    }

    private void send(Agency recipient, String domainEventId, String what, IntegrationEvent event,
                      ConsentReference consent) {
        gate.publish(recipient, domainEventId, what, clock.instant(), consent, event);
    }
}
