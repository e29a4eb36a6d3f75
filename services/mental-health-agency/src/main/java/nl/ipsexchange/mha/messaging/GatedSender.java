package nl.ipsexchange.mha.messaging;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.consent.ConsentPolicy;
import nl.ipsexchange.kernel.funding.FundingMessage;
import nl.ipsexchange.kernel.messaging.ConsentReference;
import nl.ipsexchange.kernel.messaging.EnvelopeCodec;
import nl.ipsexchange.mha.query.consent.ClientConsents;
import nl.ipsexchange.platform.audit.AccessRecord;
import nl.ipsexchange.platform.audit.AccessRecorder;
import nl.ipsexchange.platform.messaging.IntegrationEventPublisher;

/**
 * The consent gate for trajectory steps: a step goes to a funder or the insurer only under an active consent that
 * covers its category for the purpose, checked at the moment of sending; otherwise it is withheld and recorded.
 */
@Component
public class GatedSender {

    private final IntegrationEventPublisher publisher;
    private final EnvelopeCodec codec;
    private final ClientConsents consents;
    private final AccessRecorder recorder;
    private final Clock clock;
    private final PersonalDataSealer sealer;

    public GatedSender(IntegrationEventPublisher publisher, EnvelopeCodec codec, ClientConsents consents,
                       AccessRecorder recorder, Clock clock, PersonalDataSealer sealer) {
        this.sealer = sealer;
        this.publisher = publisher;
        this.codec = codec;
        this.consents = consents;
        this.recorder = recorder;
        this.clock = clock;
    }

    /** @return whether it was sent */
    public boolean send(Agency recipient, Purpose purpose, FundingMessage message, String domainEventId) {
        Instant now = clock.instant();
        String scope = recipient + "|" + purpose + "|" + message.getClass().getSimpleName();
        Optional<UUID> consent = ConsentPolicy.permittingConsent(consents.termsOf(message.clientId()), recipient,
                message.category(), purpose, now);
        if (consent.isEmpty()) {
            recorder.record(AccessRecord.withheld(message.clientId(), Set.of(message.category()),
                            "not sent to " + recipient + ": no active consent covers " + message.category())
                    .forPurpose(purpose)
                    .withId(IntegrationEventPublisher.eventIdFor(domainEventId, "withhold|" + scope)));
            return false;
        }
        // recorded (and committed) before it leaves: the relay's own transaction commits after the broker's ack
        recorder.recordBeforeDisclosure(AccessRecord.disclosed(message.clientId(), Set.of(message.category()),
                        "sent to " + recipient)
                .forPurpose(purpose).underConsents(Set.of(consent.get()))
                .withId(IntegrationEventPublisher.eventIdFor(domainEventId, "disclose|" + scope)));
        String topic = recipient.inboxTopic();
        publisher.publish(topic, sealer.sealFor(recipient, codec.wrap(
                IntegrationEventPublisher.eventIdFor(domainEventId, topic), Agency.MENTAL_HEALTH, now,
                new ConsentReference(consent.get(), purpose, Set.of(message.category())), message)));
        return true;
    }

    /** Whether a step of this category may go to the recipient for the purpose now. */
    public boolean permitted(String clientId, Agency recipient, Purpose purpose,
                             DataCategory category) {
        return ConsentPolicy.permits(consents.termsOf(clientId), recipient, category, purpose, clock.instant());
    }
}
