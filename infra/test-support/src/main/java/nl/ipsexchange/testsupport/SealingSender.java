package nl.ipsexchange.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import nl.ipsexchange.infra.embedded.KafkaLogin;
import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.messaging.EnvelopeCodec;
import nl.ipsexchange.kernel.messaging.EventEnvelope;
import nl.ipsexchange.kernel.messaging.IntegrationEvent;
import nl.ipsexchange.kernel.messaging.sealing.EnvelopeSealing;
import nl.ipsexchange.kernel.messaging.sealing.KeyExchange;
import nl.ipsexchange.kernel.messaging.sealing.TransitKey;
import nl.ipsexchange.kernel.messaging.sealing.TransitKeyGrantedEvent;
import nl.ipsexchange.kernel.messaging.sealing.TransitKeyRefusedEvent;
import nl.ipsexchange.kernel.messaging.sealing.TransitKeyRequestedEvent;

/**
 * Plays the mental health agency's part of sealing for a test that sends hand-made envelopes to a recipient: seals
 * personal envelopes as the consent gate does (a key per client, recipient and category) and answers the recipient's
 * key requests from the MHA's inbox on Kafka, granting the keys it holds and refusing those it destroyed. Its
 * messages are unsigned: a test signs them as the MHA does in its profile before they are received.
 */
public final class SealingSender {

    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final EnvelopeSealing sealing = new EnvelopeSealing();
    private final KafkaLogin login;
    private final Map<String, TransitKey> current = new HashMap<>();
    private final Map<UUID, TransitKey> byId = new HashMap<>();
    private final Map<UUID, Agency> recipients = new HashMap<>();
    private final Set<UUID> answered = new HashSet<>();

    /** @param login how it reads the MHA's inbox for the requests (the tests' administrator) */
    public SealingSender(KafkaLogin login) {
        this.login = login;
    }

    /** The envelope as the MHA would put it on the recipient's inbox: sealed when it is personal. */
    public byte[] message(Agency recipient, EventEnvelope envelope) {
        if (!envelope.carriesPersonalData()) {
            return codec.encode(envelope);
        }
        return codec.encode(sealing.seal(envelope, category -> current.computeIfAbsent(
                envelope.subject() + "|" + recipient + "|" + category, triple -> {
                    TransitKey key = TransitKey.generate();
                    byId.put(key.keyId(), key);
                    recipients.put(key.keyId(), recipient);
                    return key;
                })));
    }

    /** A key this sender made and still holds. */
    public Optional<TransitKey> key(UUID keyId) {
        return Optional.ofNullable(byId.get(keyId));
    }

    /** Destroys the key of (client, recipient, category), as a revocation does: requests for it are refused. */
    public void destroy(String clientId, Agency recipient, DataCategory category) {
        TransitKey key = current.remove(clientId + "|" + recipient + "|" + category);
        if (key != null) {
            byId.remove(key.keyId());
        }
    }

    /**
     * The answers to the requests for this sender's keys that arrived on the MHA's inbox and were not answered yet,
     * as messages for the requester's inbox: granted when the key is held and the requester is its recipient.
     */
    public List<byte[]> answers() {
        List<byte[]> answers = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : TopicReader.readToEnd(login,
                Agency.MENTAL_HEALTH.inboxTopic(), new StringDeserializer(), new ByteArrayDeserializer(),
                Duration.ofSeconds(30))) {
            EventEnvelope envelope = codec.decode(record.value());
            if (!envelope.type().equals("TransitKeyRequested") || !answered.add(envelope.eventId())) {
                continue;
            }
            TransitKeyRequestedEvent request = (TransitKeyRequestedEvent) codec.payload(envelope);
            if (!recipients.containsKey(request.keyId())) {
                continue; // another test's (or sender's) key
            }
            TransitKey key = byId.get(request.keyId());
            IntegrationEvent answer;
            if (key == null || recipients.get(request.keyId()) != envelope.sourceAgency()) {
                answer = new TransitKeyRefusedEvent(request.keyId(), request.clientId(),
                        key == null ? "the key was destroyed" : "not a key for this agency");
            } else {
                KeyExchange.Wrapped wrapped = KeyExchange.wrap(request.requesterPublicKey(), key);
                answer = new TransitKeyGrantedEvent(request.keyId(), request.clientId(), wrapped.senderPublicKey(),
                        wrapped.wrappedKey());
            }
            answers.add(codec.encode(codec.wrap(UUID.randomUUID(), Agency.MENTAL_HEALTH, Instant.now(), null,
                    answer)));
        }
        return answers;
    }
}
