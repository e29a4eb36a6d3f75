package nl.ipsexchange.kernel.messaging.sealing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.BenefitType;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.funding.PlacementReportedEvent;
import nl.ipsexchange.kernel.messaging.ConsentReference;
import nl.ipsexchange.kernel.messaging.EnvelopeCodec;
import nl.ipsexchange.kernel.messaging.EventEnvelope;
import nl.ipsexchange.kernel.messaging.MalformedMessageException;
import nl.ipsexchange.kernel.sharing.ClientDataSharedEvent;

class EnvelopeSealingTest {

    private static final String CANARY_NAME = "Canary Name-7f3a";
    private static final String CANARY_BSN = "999990019";
    private static final String CANARY_HEALTH = "canary-health-text-91c2";

    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final EnvelopeSealing sealing = new EnvelopeSealing();
    private final Map<DataCategory, TransitKey> keys = new EnumMap<>(DataCategory.class);

    private TransitKey keyOf(DataCategory category) {
        return keys.computeIfAbsent(category, c -> TransitKey.generate());
    }

    private Optional<byte[]> held(UUID keyId) {
        return keys.values().stream().filter(k -> k.keyId().equals(keyId)).map(TransitKey::secret).findFirst();
    }

    private EventEnvelope shared(String clientId) {
        ClientDataSharedEvent event = new ClientDataSharedEvent(clientId,
                new ClientDataSharedEvent.Identification(CANARY_NAME, CANARY_BSN, LocalDate.of(1980, 3, 3)),
                new ClientDataSharedEvent.Benefits(BenefitType.DISABILITY, "Ede"), null, CANARY_HEALTH, null, null);
        return codec.wrap(UUID.randomUUID(), Agency.MENTAL_HEALTH, Instant.parse("2026-12-01T10:00:00Z"),
                new ConsentReference(UUID.randomUUID(), Purpose.FUNDING_DECISION, event.categories()), event);
    }

    private String onTheWire(EventEnvelope envelope) {
        return new String(codec.encode(envelope), StandardCharsets.UTF_8);
    }

    @Test
    void aSealedEnvelopeHoldsNoPersonalFieldInTheClearAndOpensToTheSameEventWithItsKeys() {
        EventEnvelope plain = shared("client-1");

        EventEnvelope sealed = sealing.seal(plain, this::keyOf);

        String wire = onTheWire(sealed);
        assertThat(wire).doesNotContain(CANARY_NAME, CANARY_BSN, CANARY_HEALTH, "identification", "healthSummary",
                "Ede", "DISABILITY");
        assertThat(sealing.parts(codec.decode(codec.encode(sealed)))).extracting(SealedPart::category)
                .containsExactlyInAnyOrder(DataCategory.IDENTIFICATION, DataCategory.BENEFITS,
                        DataCategory.HEALTH_SUMMARY);
        assertThatThrownBy(() -> codec.payload(sealed)).as("never read as the event while sealed")
                .isInstanceOf(MalformedMessageException.class);

        EventEnvelope opened = sealing.open(codec.decode(codec.encode(sealed)), this::held);
        assertThat(codec.payload(opened)).isEqualTo(codec.payload(plain));
    }

    @Test
    void aSingleCategoryMessageIsSealedWholeUnderItsCategorysKey() {
        PlacementReportedEvent placement = new PlacementReportedEvent("t-1", "client-2", "job-1", true,
                new BigDecimal("27.5"), new BigDecimal("2345.67"), LocalDate.of(2026, 10, 1), null);
        EventEnvelope plain = codec.wrap(UUID.randomUUID(), Agency.MENTAL_HEALTH, Instant.now(),
                new ConsentReference(UUID.randomUUID(), Purpose.FUNDING_DECISION, Set.of(DataCategory.EMPLOYMENT)),
                placement);

        EventEnvelope sealed = sealing.seal(plain, this::keyOf);

        assertThat(onTheWire(sealed)).doesNotContain("2345.67", "job-1", "t-1", "hoursPerWeek");
        assertThat(sealing.parts(sealed)).singleElement()
                .satisfies(part -> assertThat(part.keyId()).isEqualTo(keyOf(DataCategory.EMPLOYMENT).keyId()));
        assertThat(codec.payload(sealing.open(sealed, this::held))).isEqualTo(placement);
    }

    @Test
    void withoutTheKeysNothingOpensAndTheMissingKeysAreNamed() {
        EventEnvelope sealed = sealing.seal(shared("client-1"), this::keyOf);
        UUID health = keyOf(DataCategory.HEALTH_SUMMARY).keyId();

        assertThatThrownBy(() -> sealing.open(sealed, id -> id.equals(health) ? Optional.empty() : held(id)))
                .isInstanceOfSatisfying(TransitKeyMissingException.class, missing -> assertThat(missing.missing())
                        .extracting(SealedPart::keyId).containsExactly(health));
    }

    @Test
    void anotherKeyUnderTheSameIdDoesNotOpenIt() {
        EventEnvelope sealed = sealing.seal(shared("client-1"), this::keyOf);
        Function<UUID, Optional<byte[]>> wrong = id -> Optional.of(TransitKey.generate().secret());

        assertThatThrownBy(() -> sealing.open(sealed, wrong)).isInstanceOf(MalformedMessageException.class)
                .hasMessageNotContaining(CANARY_NAME);
    }

    @Test
    void aTamperedCiphertextDoesNotOpen() {
        EventEnvelope sealed = sealing.seal(shared("client-1"), this::keyOf);
        ObjectNode payload = sealed.payload().deepCopy();
        ObjectNode part = (ObjectNode) payload.get(EnvelopeSealing.SEALED).get(0);
        byte[] bytes = Base64.getDecoder().decode(part.get("data").asText());
        bytes[bytes.length - 20] ^= 1;
        part.put("data", Base64.getEncoder().encodeToString(bytes));

        assertThatThrownBy(() -> sealing.open(withPayload(sealed, sealed.subject(), payload), this::held))
                .isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void aSealedPartMovedToAnotherClientOrAnotherCategoryDoesNotOpen() {
        EventEnvelope sealed = sealing.seal(shared("client-1"), this::keyOf);

        assertThatThrownBy(() -> sealing.open(withPayload(sealed, "client-2", sealed.payload()), this::held))
                .as("the same parts in an envelope about another client").isInstanceOf(MalformedMessageException.class);

        ObjectNode relabelled = sealed.payload().deepCopy();
        for (var part : relabelled.get(EnvelopeSealing.SEALED)) {
            String category = part.get("category").asText();
            ((ObjectNode) part).put("category", switch (category) {
                case "IDENTIFICATION" -> "BENEFITS";
                case "BENEFITS" -> "IDENTIFICATION";
                default -> category;
            });
        }
        assertThatThrownBy(() -> sealing.open(withPayload(sealed, sealed.subject(), relabelled), this::held))
                .as("identification relabelled as benefits and back").isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void partsThatDoNotMatchTheConsentReferenceAreRefusedAndAFieldOutsideItIsNeverSealedAway() {
        EventEnvelope sealed = sealing.seal(shared("client-1"), this::keyOf);
        EventEnvelope narrower = new EventEnvelope(sealed.eventId(), sealed.type(), sealed.schemaVersion(),
                sealed.sourceAgency(), sealed.subject(), sealed.occurredAt(), new ConsentReference(
                sealed.consent().consentId(), Purpose.FUNDING_DECISION, Set.of(DataCategory.IDENTIFICATION)),
                sealed.payload());
        assertThatThrownBy(() -> sealing.open(narrower, this::held)).isInstanceOf(MalformedMessageException.class);

        EventEnvelope plain = shared("client-1");
        EventEnvelope claimsLess = new EventEnvelope(plain.eventId(), plain.type(), plain.schemaVersion(),
                plain.sourceAgency(), plain.subject(), plain.occurredAt(), narrower.consent(), plain.payload());
        assertThatThrownBy(() -> sealing.seal(claimsLess, this::keyOf)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("which its consent reference does not name");
    }

    @Test
    void aTransitKeyDeliveredForOneRequestUnwrapsOnlyWithThatRequestsPrivateKey() {
        TransitKey key = TransitKey.generate();
        KeyExchange.Ephemeral request = KeyExchange.ephemeral();

        KeyExchange.Wrapped answer = KeyExchange.wrap(request.publicKey(), key);

        assertThat(KeyExchange.unwrap(request.privateKey(), key.keyId(), answer).secret()).isEqualTo(key.secret());
        assertThatThrownBy(() -> KeyExchange.unwrap(KeyExchange.ephemeral().privateKey(), key.keyId(), answer))
                .as("another request's private key").isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> KeyExchange.unwrap(request.privateKey(), UUID.randomUUID(), answer))
                .as("the answer presented for another key id").isInstanceOf(MalformedMessageException.class);
        assertThat(answer.wrappedKey()).doesNotContain(Base64.getEncoder().encodeToString(key.secret()));
    }

    private static EventEnvelope withPayload(EventEnvelope envelope, String subject,
                                             JsonNode payload) {
        return new EventEnvelope(envelope.eventId(), envelope.type(), envelope.schemaVersion(),
                envelope.sourceAgency(), subject, envelope.occurredAt(), envelope.consent(), payload);
    }
}
