package nl.ipsexchange.mha.messaging;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

import org.springframework.stereotype.Component;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.consent.ConsentPolicy;
import nl.ipsexchange.kernel.consent.ConsentTerms;
import nl.ipsexchange.kernel.funding.FundingMessage;
import nl.ipsexchange.kernel.messaging.ConsentReference;
import nl.ipsexchange.kernel.messaging.EnvelopeCodec;
import nl.ipsexchange.kernel.messaging.IntegrationEvent;
import nl.ipsexchange.kernel.sharing.ClientDataSharedEvent;
import nl.ipsexchange.mha.query.consent.ClientConsents;
import nl.ipsexchange.platform.audit.AccessRecord;
import nl.ipsexchange.platform.audit.AccessRecorder;
import nl.ipsexchange.platform.messaging.IntegrationEventPublisher;

/**
 * The consent gate on the sending side, the one home of its rule: a client's data goes to another agency only in the
 * categories that an active consent covers for that recipient and purpose, decided at the moment of sending. What no
 * consent covers is withheld, and that leaves an access record; what goes is recorded (and committed) before it
 * leaves, cites its consent, is sealed for the recipient and lands in its inbox under an id derived from the domain
 * event, so that relaying the event again sends and records it once. Trajectory steps ({@link #send}) and the
 * client's data ({@link #share}) differ only in the ids and wording their records have always had.
 */
@Component
public class ConsentGate {

    private final IntegrationEventPublisher publisher;
    private final EnvelopeCodec codec;
    private final ClientConsents consents;
    private final AccessRecorder recorder;
    private final Clock clock;
    private final PersonalDataSealer sealer;

    public ConsentGate(IntegrationEventPublisher publisher, EnvelopeCodec codec, ClientConsents consents,
                       AccessRecorder recorder, Clock clock, PersonalDataSealer sealer) {
        this.publisher = publisher;
        this.codec = codec;
        this.consents = consents;
        this.recorder = recorder;
        this.clock = clock;
        this.sealer = sealer;
    }

    /** A client's consents as they stand at one moment: read once when one event goes to several recipients. */
    public record Moment(String clientId, Instant now, List<ConsentTerms> terms) {

        /** The purposes for which an active consent names the recipient. */
        public Set<Purpose> purposesNaming(Agency recipient) {
            Set<Purpose> purposes = EnumSet.noneOf(Purpose.class);
            terms.stream().filter(t -> t.isActiveAt(now) && t.recipients().contains(recipient))
                    .forEach(t -> purposes.addAll(t.purposes()));
            return purposes;
        }
    }

    /** The client's consents now. */
    public Moment moment(String clientId) {
        return new Moment(clientId, clock.instant(), consents.termsOf(clientId));
    }

    /** Whether data of this category may go to the recipient for the purpose now. */
    public boolean permitted(String clientId, Agency recipient, Purpose purpose, DataCategory category) {
        return ConsentPolicy.permits(consents.termsOf(clientId), recipient, category, purpose, clock.instant());
    }

    /**
     * A trajectory step, to a funder or the insurer, under the client's consents now: it is of one category, so it
     * goes whole or not at all. Its records' ids name the step's type; a withholding names the category.
     *
     * @return whether it was sent
     */
    public boolean send(Agency recipient, Purpose purpose, FundingMessage message, String domainEventId) {
        return send(recipient, purpose, message.clientId(), message.category(), message, domainEventId);
    }

    /**
     * A message of one category about the client (a trajectory step, a decision of the practitioner meeting), under
     * the client's consents now: it goes whole or not at all. Its records' ids name its type; a withholding names
     * the category.
     *
     * @return whether it was sent
     */
    public boolean send(Agency recipient, Purpose purpose, String clientId, DataCategory category,
                        IntegrationEvent message, String domainEventId) {
        return disclose(moment(clientId), recipient, purpose, EnumSet.of(category), permitted -> message,
                recipient + "|" + purpose + "|" + message.getClass().getSimpleName(), String.valueOf(category), null,
                domainEventId);
    }

    /**
     * Of the client's data {@code held}, shares what the consents permit at the moment, and of that only
     * {@code asked}: uncovered categories are absent from the message, and withheld in one record ("covers it").
     *
     * @return whether anything was sent
     */
    public boolean share(Moment moment, Agency recipient, Purpose purpose, ClientDataSharedEvent held,
                         Set<DataCategory> asked, String domainEventId) {
        Set<DataCategory> offered = EnumSet.noneOf(DataCategory.class);
        offered.addAll(held.categories());
        offered.retainAll(asked);
        return disclose(moment, recipient, purpose, offered, held::restrictedTo, recipient + "|" + purpose, "it",
                "share|" + purpose, domainEventId);
    }

    /**
     * No active consent names the recipient for any purpose, so it gets nothing of what changed: recorded with the
     * categories the change was about, no content, no purpose (none was consented).
     */
    public void withheldFromEveryPurpose(String clientId, Agency recipient, Set<DataCategory> changed,
                                         String domainEventId) {
        recorder.record(AccessRecord.withheld(clientId, changed,
                        "not sent to " + recipient + ": no active consent names it")
                .withId(IntegrationEventPublisher.eventIdFor(domainEventId, "withhold|" + recipient)));
    }

    /**
     * Sends the part of {@code offered} that the consents permit: {@code restricted} makes the message of exactly
     * those categories. {@code scope} sets the records' ids apart, {@code uncovered} is what a withholding says no
     * consent covers, {@code what} sets the message's id apart ({@link #publish}).
     */
    private boolean disclose(Moment moment, Agency recipient, Purpose purpose, Set<DataCategory> offered,
                             Function<Set<DataCategory>, IntegrationEvent> restricted, String scope,
                             String uncovered, String what, String domainEventId) {
        // each category may rest on a consent of its own: the record names every one, the message the first
        Map<DataCategory, UUID> permitting = new EnumMap<>(DataCategory.class);
        for (DataCategory category : offered) {
            ConsentPolicy.permittingConsent(moment.terms(), recipient, category, purpose, moment.now())
                    .ifPresent(consentId -> permitting.put(category, consentId));
        }
        Set<DataCategory> withheld = EnumSet.noneOf(DataCategory.class);
        withheld.addAll(offered);
        withheld.removeAll(permitting.keySet());
        if (!withheld.isEmpty()) {
            recorder.record(AccessRecord.withheld(moment.clientId(), withheld,
                            "not sent to " + recipient + ": no active consent covers " + uncovered)
                    .forPurpose(purpose)
                    .withId(IntegrationEventPublisher.eventIdFor(domainEventId, "withhold|" + scope)));
        }
        if (permitting.isEmpty()) {
            return false;
        }
        Set<DataCategory> permitted = EnumSet.copyOf(permitting.keySet());
        // recorded (and committed) before it leaves: the relay's own transaction commits after the broker's ack
        recorder.recordBeforeDisclosure(AccessRecord.disclosed(moment.clientId(), permitted, "sent to " + recipient)
                .forPurpose(purpose).underConsents(new TreeSet<>(permitting.values()))
                .withId(IntegrationEventPublisher.eventIdFor(domainEventId, "disclose|" + scope)));
        publish(recipient, domainEventId, what, moment.now(),
                new ConsentReference(permitting.get(permitted.iterator().next()), purpose, permitted),
                restricted.apply(permitted));
        return true;
    }

    /**
     * Publishes to the recipient's inbox, sealed for it, under an id derived from the domain event's and
     * {@code what} (null: the only message of that event to the recipient). Client data goes through {@link #send}
     * or {@link #share}; this is also for messages that carry none under a consent (a consent, its end, an answer).
     */
    void publish(Agency recipient, String domainEventId, String what, Instant at, ConsentReference consent,
                 IntegrationEvent event) {
        String topic = recipient.inboxTopic();
        publisher.publish(topic, sealer.sealFor(recipient, codec.wrap(IntegrationEventPublisher.eventIdFor(
                domainEventId, what == null ? topic : topic + "|" + what), Agency.MENTAL_HEALTH, at, consent, event)));
    }
}
