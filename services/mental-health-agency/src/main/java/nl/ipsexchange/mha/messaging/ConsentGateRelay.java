package nl.ipsexchange.mha.messaging;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
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
import nl.ipsexchange.kernel.messaging.EnvelopeCodec;
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
import nl.ipsexchange.platform.audit.AccessRecord;
import nl.ipsexchange.platform.audit.AccessRecorder;
import nl.ipsexchange.platform.messaging.IntegrationEventPublisher;

/**
 * The consent gate on the sending side. Relays consents to the recipients they name (each recipient learns only
 * its own part), and shares client data with a recipient only in the categories that an active consent covers for
 * that recipient and purpose, decided at the moment of sending: uncovered categories are absent from the message.
 * Every disclosure, and every category withheld, leaves an access record.
 */
@Component
@ProcessingGroup(StatusEventPublisher.PROCESSING_GROUP)
public class ConsentGateRelay {

    private static final List<Agency> RECIPIENTS = List.of(Agency.BENEFITS, Agency.MUNICIPALITY, Agency.INSURER);

    private final IntegrationEventPublisher publisher;
    private final EnvelopeCodec codec;
    private final ClientConsents consents;
    private final ClientDataReader clientData;
    private final AccessRecorder recorder;
    private final Clock clock;
    private final PersonalDataSealer sealer;
    private final TransitKeyStore transitKeys;

    public ConsentGateRelay(IntegrationEventPublisher publisher, EnvelopeCodec codec, ClientConsents consents,
                            ClientDataReader clientData, AccessRecorder recorder, Clock clock,
                            PersonalDataSealer sealer, TransitKeyStore transitKeys) {
        this.sealer = sealer;
        this.transitKeys = transitKeys;
        this.publisher = publisher;
        this.codec = codec;
        this.consents = consents;
        this.clientData = clientData;
        this.recorder = recorder;
        this.clock = clock;
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
            Set<Purpose> purposes = EnumSet.noneOf(Purpose.class);
            snapshot.terms().stream().filter(t -> t.isActiveAt(snapshot.now()) && t.recipients().contains(recipient))
                    .forEach(t -> purposes.addAll(t.purposes()));
            if (purposes.isEmpty()) {
                withheldFromEveryPurpose(snapshot.clientId(), recipient, eventId, changed);
            }
            for (Purpose purpose : purposes) {
                share(snapshot, recipient, purpose, eventId, EnumSet.allOf(DataCategory.class));
            }
        }
    }

    private void withheldFromEveryPurpose(String clientId, Agency recipient, String eventId,
                                          Set<DataCategory> changed) {
        recorder.record(AccessRecord.withheld(clientId, changed,
                        "not sent to " + recipient + ": no active consent names it")
                .withId(IntegrationEventPublisher.eventIdFor(eventId, "withhold|" + recipient)));
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
    private record Snapshot(String clientId, Instant now, List<ConsentTerms> terms,
                            Optional<ClientDataSharedEvent> everything) {
    }

    private Snapshot snapshot(String clientId) {
        return new Snapshot(clientId, clock.instant(), consents.termsOf(clientId), clientData.everything(clientId));
    }

    /** Shares what the consent permits at the snapshot's moment, and of that only {@code asked}. */
    private void share(Snapshot snapshot, Agency recipient, Purpose purpose, String eventId,
                       Set<DataCategory> asked) {
        String clientId = snapshot.clientId();
        Instant now = snapshot.now();
        List<ConsentTerms> terms = snapshot.terms();
        Set<DataCategory> permitted = ConsentPolicy.permittedCategories(terms, recipient, purpose, now);
        permitted.retainAll(asked);
        Optional<ClientDataSharedEvent> everything = snapshot.everything();
        if (everything.isEmpty()) {
            return;
        }
        Set<DataCategory> withheld = EnumSet.noneOf(DataCategory.class);
        withheld.addAll(everything.get().categories());
        withheld.retainAll(asked);
        withheld.removeAll(permitted);
        String scope = recipient + "|" + purpose;
        if (!withheld.isEmpty()) {
            recorder.record(AccessRecord.withheld(clientId, withheld,
                            "not sent to " + recipient + ": no active consent covers it")
                    .forPurpose(purpose)
                    .withId(IntegrationEventPublisher.eventIdFor(eventId, "withhold|" + scope)));
        }
        ClientDataSharedEvent shared = everything.get().restrictedTo(permitted);
        if (shared.categories().isEmpty()) {
            return;
        }
        // each category may rest on a consent of its own: the record names every one, the message the first
        Set<UUID> consentIds = new TreeSet<>();
        for (DataCategory category : shared.categories()) {
            consentIds.add(ConsentPolicy.permittingConsent(terms, recipient, category, purpose, now).orElseThrow());
        }
        // recorded (and committed) before it leaves: the relay's own transaction commits after the broker's ack
        recorder.recordBeforeDisclosure(AccessRecord.disclosed(clientId, shared.categories(), "sent to " + recipient)
                .forPurpose(purpose).underConsents(consentIds)
                .withId(IntegrationEventPublisher.eventIdFor(eventId, "disclose|" + scope)));
        UUID consentId = ConsentPolicy.permittingConsent(terms, recipient, shared.categories().iterator().next(),
                purpose, now).orElseThrow();
        send(recipient, eventId, "share|" + purpose, shared,
                new ConsentReference(consentId, purpose, shared.categories()));
    }

    private void send(Agency recipient, String domainEventId, String what, IntegrationEvent event,
                      ConsentReference consent) {
        String topic = recipient.inboxTopic();
        publisher.publish(topic, sealer.sealFor(recipient, codec.wrap(
                IntegrationEventPublisher.eventIdFor(domainEventId, topic + "|" + what), Agency.MENTAL_HEALTH,
                clock.instant(), consent, event)));
    }
}
