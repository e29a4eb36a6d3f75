package nl.ipsexchange.sharing;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.consent.ConsentEndedEvent;
import nl.ipsexchange.kernel.consent.ConsentGrantedEvent;
import nl.ipsexchange.kernel.consent.ConsentPolicy;
import nl.ipsexchange.kernel.consent.ConsentTerms;
import nl.ipsexchange.kernel.messaging.EventEnvelope;
import nl.ipsexchange.kernel.sharing.ClientDataSharedEvent;
import nl.ipsexchange.platform.audit.AccessRecord;
import nl.ipsexchange.platform.audit.AccessRecorder;
import nl.ipsexchange.platform.messaging.IntegrationEventHandler;
import nl.ipsexchange.platform.messaging.IntegrationEventHandlerSet;
import nl.ipsexchange.platform.messaging.ReceivedTransitKeys;

/**
 * The receiving side of consent-gated sharing, at the benefits agency, the municipality and the insurer: keeps the
 * consent replica, checks every received message against it (refusing and recording what arrives outside consent),
 * stores what is accepted encrypted with this agency's own key, and erases it when the consent ends.
 */
public class SharingReceiver implements IntegrationEventHandlerSet {

    private static final Logger log = LoggerFactory.getLogger(SharingReceiver.class);

    private final ConsentReplica consents;
    private final SharedClientDataStore store;
    private final AccessRecorder recorder;
    private final Clock clock;
    private final Agency self;
    private final ReceiptGate receipts;
    private final ReceivedTransitKeys transitKeys;

    public SharingReceiver(ConsentReplica consents, SharedClientDataStore store, AccessRecorder recorder, Clock clock,
                           Agency self, ReceiptGate receipts, ReceivedTransitKeys transitKeys) {
        this.transitKeys = transitKeys;
        this.consents = consents;
        this.store = store;
        this.recorder = recorder;
        this.clock = clock;
        this.self = self;
        this.receipts = receipts;
    }

    @Override
    public List<IntegrationEventHandler<?>> handlers() {
        return List.of(
                IntegrationEventHandler.of(ConsentGrantedEvent.class, this::onConsentGranted),
                IntegrationEventHandler.of(ConsentEndedEvent.class, this::onConsentEnded),
                IntegrationEventHandler.of(ClientDataSharedEvent.class, this::onClientDataShared));
    }

    void onConsentGranted(ConsentGrantedEvent event, EventEnvelope envelope) {
        if (event.recipient() != self) {
            log.warn("ignored consent {} addressed to {}", event.consentId(), event.recipient());
            return;
        }
        consents.granted(event, envelope.eventId());
    }

    void onConsentEnded(ConsentEndedEvent event, EventEnvelope envelope) {
        if (event.recipient() != self || !consents.ended(event, envelope.eventId())) {
            return;
        }
        Instant now = clock.instant();
        List<ConsentTerms> remaining = consents.consentsOf(event.clientId());
        Set<DataCategory> stillCovered = EnumSet.noneOf(DataCategory.class);
        for (Purpose purpose : Purpose.values()) {
            stillCovered.addAll(ConsentPolicy.permittedCategories(remaining, self, purpose, now));
        }
        Set<DataCategory> toErase = EnumSet.allOf(DataCategory.class);
        toErase.removeAll(stillCovered);
        Set<DataCategory> erased = store.erase(event.clientId(), toErase);
        // the keys of what is no longer covered go too: every copy sealed under them, on the topic included, is
        // unreadable here from now on (the sender destroys its copies as well)
        transitKeys.destroy(event.clientId(), toErase);
        recorder.record(AccessRecord.erased(event.clientId(), erased,
                        "consent " + event.reason().name().toLowerCase() + ": received data erased")
                .underConsents(Set.of(event.consentId())).withId(envelope.eventId()));
    }

    void onClientDataShared(ClientDataSharedEvent event, EventEnvelope envelope) {
        if (receipts.admit(event.clientId(), envelope, event.categories(),
                "received from " + envelope.sourceAgency())) {
            store.store(event, envelope.consent().consentId(), envelope.consent().purpose(), envelope.eventId(),
                    clock.instant());
        }
    }
}
