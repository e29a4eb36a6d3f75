package nl.ipsexchange.municipality;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.consent.ConsentEffect;
import nl.ipsexchange.kernel.consent.ConsentEndedEvent;
import nl.ipsexchange.kernel.consent.ConsentGrantedEvent;
import nl.ipsexchange.kernel.consent.ConsentTerms;
import nl.ipsexchange.kernel.messaging.ConsentReference;
import nl.ipsexchange.kernel.messaging.EnvelopeCodec;
import nl.ipsexchange.kernel.messaging.EventEnvelope;
import nl.ipsexchange.kernel.messaging.sealing.EnvelopeSealing;
import nl.ipsexchange.kernel.messaging.sealing.KeyExchange;
import nl.ipsexchange.kernel.messaging.sealing.SealedPart;
import nl.ipsexchange.kernel.messaging.sealing.TransitKeyGrantedEvent;
import nl.ipsexchange.kernel.sharing.ClientDataSharedEvent;
import nl.ipsexchange.platform.messaging.InboundMessageProcessor;
import nl.ipsexchange.platform.messaging.ParkedMessages;
import nl.ipsexchange.platform.messaging.ReceivedTransitKeys;
import nl.ipsexchange.platform.messaging.UnblockedSequences;
import nl.ipsexchange.platform.messaging.signing.DemoSigningKeys;
import nl.ipsexchange.testsupport.SealingSender;
import nl.ipsexchange.testsupport.TestInfrastructure;

/**
 * The receiving side of sealing against a real PostgreSQL and Kafka: a sealed message whose keys this agency does not
 * hold waits, parked under its client with the client's later messages behind it, while the keys are asked for; a
 * grant opens it as sent; a refusal resolves the messages that waited for the key unread (a refused receipt is
 * recorded) and lets the client's later messages flow; a revocation destroys the received keys of what it no longer
 * covers, and a replay of an old message it covered is refused on receipt without asking the sender for a key.
 */
@MunicipalityTest
class SealedReceiptTest {

    private static final String TOPIC = Agency.MUNICIPALITY.inboxTopic();
    private static final LocalDate TODAY = LocalDate.now(ConsentTerms.ZONE);

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    InboundMessageProcessor inbox;

    @Autowired
    ParkedMessages parked;

    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final SealingSender mha = new SealingSender(TestInfrastructure.get().kafkaAdmin());
    private final String clientId = UUID.randomUUID().toString();
    private final String name = "Canary Receipt " + UUID.randomUUID();
    private final String health = "canary-health-" + UUID.randomUUID();

    @Test
    void aSealedMessageWaitsForItsKeysAndOnceTheSenderGrantsThemReadsAsSent() {
        UUID consentId = consent(DataCategory.IDENTIFICATION, DataCategory.HEALTH_SUMMARY);
        byte[] first = shared(consentId, identification(), health);
        byte[] second = shared(consentId, identification(), health + "-later");

        assertThat(process(TOPIC, first)).as("waits for the keys").isFalse();
        assertThat(process(TOPIC, second)).as("waits behind it").isFalse();
        assertThat(parkedReasons()).containsExactly("waits for the sender's key",
                "waits behind an earlier parked message about the same client");
        assertThat(count("shared_client_data")).isZero();

        List<byte[]> answers = mha.answers();
        assertThat(answers).as("one request per key: identification and health summary").hasSize(2);
        answers.forEach(answer -> process(TOPIC, answer));

        assertThat(parkedReasons()).as("both retried in order once the keys came").isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from processed_message where event_id in (?, ?)",
                Integer.class, eventId(first), eventId(second))).isEqualTo(2);
        assertThat(count("shared_client_data")).isPositive();
        assertThat(count("received_transit_key")).isEqualTo(2);
        assertThat(count("transit_key_request")).as("each request's private key destroyed").isZero();
        assertThat(stored(name)).as("stored encrypted, as before sealing").isZero();

        assertThat(process(TOPIC, shared(consentId, identification(), health + "-third")))
                .as("a key once received opens the next message at once").isTrue();
        assertThat(mha.answers()).as("no further request").isEmpty();
    }

    @Test
    void aRefusedKeyResolvesTheMessageThatWaitedForItUnreadAndTheClientsLaterMessagesFlow() {
        UUID consentId = consent(DataCategory.IDENTIFICATION, DataCategory.HEALTH_SUMMARY);
        byte[] refused = shared(consentId, identification(), null);
        mha.destroy(clientId, Agency.MUNICIPALITY, DataCategory.IDENTIFICATION);
        byte[] later = shared(consentId, null, health);

        assertThat(process(TOPIC, refused)).isFalse();
        assertThat(process(TOPIC, later)).isFalse();
        mha.answers().forEach(answer -> process(TOPIC, answer)); // refused: the later one asks for its key
        mha.answers().forEach(answer -> process(TOPIC, answer)); // granted

        assertThat(parkedReasons()).isEmpty();
        assertThat(parked.resolutions()).filteredOn(r -> r.sequenceKey().equals(clientId))
                .extracting(ParkedMessages.Resolution::outcome)
                .contains(ParkedMessages.Outcome.KEY_REFUSED, ParkedMessages.Outcome.RETRIED);
        assertThat(jdbc.queryForObject("select count(*) from processed_message where event_id = ?", Integer.class,
                eventId(refused))).as("received and refused: a redelivery does not ask again").isOne();
        assertThat(process(TOPIC, refused)).as("the redelivery is skipped").isFalse();
        assertThat(mha.answers()).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from processed_message where event_id = ?", Integer.class,
                eventId(later))).isOne();
        assertThat(jdbc.queryForObject("""
                select count(*) from domain_event_entry where payload_type like '%AccessRecordedEvent'
                and convert_from(payload, 'UTF8') like '%' || ? || '%'
                and convert_from(payload, 'UTF8') like '%the sender refused the key%'""", Integer.class, clientId))
                .as("the refused receipt is recorded").isOne();
        assertThat(count("transit_key_request")).isZero();
    }

    @Test
    void aRevocationOfOneCategoryDestroysItsReceivedKeyAndAReplayOfItsMessageIsRefusedWithoutAskingForIt() {
        UUID identificationConsent = consent(DataCategory.IDENTIFICATION);
        UUID healthConsent = consent(DataCategory.HEALTH_SUMMARY);
        byte[] identification = shared(identificationConsent, identification(), null);
        byte[] healthMessage = shared(healthConsent, null, health);
        process(TOPIC, identification);
        process(TOPIC, healthMessage);
        mha.answers().forEach(answer -> process(TOPIC, answer));
        mha.answers().forEach(answer -> process(TOPIC, answer));
        assertThat(count("received_transit_key")).isEqualTo(2);

        process(TOPIC, codec.encode(codec.wrap(UUID.randomUUID(), Agency.MENTAL_HEALTH, Instant.now(), null,
                new ConsentEndedEvent(healthConsent, clientId, Agency.MUNICIPALITY, Instant.now(),
                        ConsentEndedEvent.Reason.REVOKED))));
        mha.destroy(clientId, Agency.MUNICIPALITY, DataCategory.HEALTH_SUMMARY);

        assertThat(jdbc.queryForList("select category from received_transit_key where client_id = ?", String.class,
                clientId)).as("the other category's key stays").containsExactly("IDENTIFICATION");
        EventEnvelope old = codec.decode(healthMessage);
        byte[] replayed = codec.encode(new EventEnvelope(UUID.randomUUID(), old.type(), old.schemaVersion(),
                old.sourceAgency(), old.subject(), old.occurredAt(), old.consent(), old.payload()));
        assertThat(process(TOPIC, replayed)).as("refused on receipt: its consent ended").isTrue();
        assertThat(mha.answers()).as("no key is asked for a message this agency refuses anyway").isEmpty();
        assertThat(parkedReasons()).isEmpty();
        assertThat(jdbc.queryForObject("""
                select count(*) from domain_event_entry where payload_type like '%AccessRecordedEvent'
                and convert_from(payload, 'UTF8') like '%' || ? || '%'
                and convert_from(payload, 'UTF8') like '%DENIED%'""", Integer.class, eventId(replayed).toString()))
                .as("the refused receipt is recorded").isOne();
        assertThat(jdbc.queryForList("select category from shared_client_data where client_id = ?", String.class,
                clientId)).containsExactly("IDENTIFICATION");
    }

    @Test
    void aSequenceWhoseKeyArrivedButWhoseRetryDidNotRunIsRetriedByTheSweep() {
        UUID consentId = consent(DataCategory.IDENTIFICATION);
        byte[] message = shared(consentId, identification(), null);
        assertThat(process(TOPIC, message)).isFalse();
        // the grant was handled, and the service stopped before its retry: the key is here, the message still waits
        for (SealedPart part : new EnvelopeSealing().parts(codec.decode(message))) {
            receivedKeys.store(clientId, part.category(), mha.key(part.keyId()).orElseThrow());
        }
        assertThat(parkedReasons()).containsExactly("waits for the sender's key");

        sweep.retry();

        assertThat(parkedReasons()).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from processed_message where event_id = ?", Integer.class,
                eventId(message))).isOne();
    }

    @Test
    void anAnswerToAnEarlierAskingOfTheSameKeyIsIgnoredAndTheAnswerToThePendingOneOpensTheMessage() {
        UUID consentId = consent(DataCategory.IDENTIFICATION);
        byte[] message = shared(consentId, identification(), null);
        assertThat(process(TOPIC, message)).isFalse();
        List<byte[]> earlier = mha.answers();
        assertThat(earlier).hasSize(1);
        // the request was asked again after its first asking had been sent and rolled back: a new key pair waits
        UUID keyId = new EnvelopeSealing().parts(codec.decode(message)).get(0).keyId();
        jdbc.update("delete from transit_key_request where key_id = ?", keyId);
        KeyExchange.Ephemeral pending = KeyExchange.ephemeral();
        receivedKeys.requested(keyId, clientId, DataCategory.IDENTIFICATION, Agency.MENTAL_HEALTH, pending);

        earlier.forEach(answer -> process(TOPIC, answer));

        assertThat(parkedReasons()).as("still waits").containsExactly("waits for the sender's key");
        assertThat(count("transit_key_request")).as("the pending request keeps its private key").isOne();
        assertThat(count("received_transit_key")).isZero();

        KeyExchange.Wrapped wrapped = KeyExchange.wrap(pending.publicKey(), mha.key(keyId).orElseThrow());
        process(TOPIC, codec.encode(codec.wrap(UUID.randomUUID(), Agency.MENTAL_HEALTH, Instant.now(), null,
                new TransitKeyGrantedEvent(keyId, clientId, wrapped.senderPublicKey(), wrapped.wrappedKey()))));

        assertThat(parkedReasons()).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from processed_message where event_id = ?", Integer.class,
                eventId(message))).isOne();
        assertThat(count("transit_key_request")).isZero();
    }

    @Autowired
    UnblockedSequences sweep;

    @Autowired
    ReceivedTransitKeys receivedKeys;

    private UUID consent(DataCategory... categories) {
        UUID consentId = UUID.randomUUID();
        assertThat(process(TOPIC, codec.encode(codec.wrap(UUID.randomUUID(), Agency.MENTAL_HEALTH,
                Instant.now(), null, new ConsentGrantedEvent(consentId, clientId, Agency.MUNICIPALITY,
                        ConsentEffect.PERMIT, Set.of(categories), Set.of(Purpose.FUNDING_DECISION),
                        TODAY.minusDays(1), TODAY.plusDays(30)))))).isTrue();
        return consentId;
    }

    private ClientDataSharedEvent.Identification identification() {
        return new ClientDataSharedEvent.Identification(name, "999990019", LocalDate.of(1980, 1, 2));
    }

    /** A sealed ClientDataShared with what is given (null: absent), cited under the consent. */
    private byte[] shared(UUID consentId, ClientDataSharedEvent.Identification identification, String summary) {
        ClientDataSharedEvent shared = new ClientDataSharedEvent(clientId, identification, null, null, summary, null,
                null);
        return mha.message(Agency.MUNICIPALITY, codec.wrap(UUID.randomUUID(), Agency.MENTAL_HEALTH, Instant.now(),
                new ConsentReference(consentId, Purpose.FUNDING_DECISION, shared.categories()), shared));
    }

    private UUID eventId(byte[] message) {
        return codec.decode(message).eventId();
    }

    private List<String> parkedReasons() {
        return parked.all().stream().filter(m -> m.sequenceKey().equals(clientId))
                .map(ParkedMessages.ParkedMessage::reason).toList();
    }

    private int count(String table) {
        return jdbc.queryForObject("select count(*) from " + table + " where client_id = ?", Integer.class,
                clientId);
    }

    private int stored(String text) {
        return jdbc.queryForObject("select count(*) from shared_client_data where ciphertext like '%' || ? || '%'",
                Integer.class, text);
    }

    /** Signed as the mental health agency signs in the demo profile this test runs under. */
    private boolean process(String topic, byte[] message) {
        return inbox.process(new InboundMessageProcessor.Delivered(topic, message,
                DemoSigningKeys.signer(Agency.MENTAL_HEALTH).sign(topic, message)));
    }
}
