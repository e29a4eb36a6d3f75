package nl.ipsexchange.kernel.messaging.sealing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.audit.AccessAction;
import nl.ipsexchange.kernel.audit.AccessOutcome;
import nl.ipsexchange.kernel.audit.AccessRecordedEvent;
import nl.ipsexchange.kernel.messaging.EnvelopeCodec;
import nl.ipsexchange.kernel.messaging.EventEnvelope;
import nl.ipsexchange.kernel.messaging.MalformedMessageException;

class AuditSealingTest {

    private static final String CLIENT = "4c3f2b1a-0000-4000-8000-00000000c1e7";
    private static final String USER = "benefits.canary-user";

    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final AuditSealing sealing = new AuditSealing();
    private final KeyExchange.Ephemeral auditKey = KeyExchange.ephemeral();
    private final AuditSealing.AuditKey publicKey = new AuditSealing.AuditKey("audit-2026-12", auditKey.publicKey());

    private EventEnvelope record() {
        AccessRecordedEvent record = new AccessRecordedEvent(UUID.randomUUID(), Instant.parse("2026-12-07T10:00:00Z"),
                "BENEFITS", USER, "INSURANCE_PHYSICIAN", CLIENT, Set.of(DataCategory.HEALTH_SUMMARY),
                AccessAction.VIEW, Purpose.FUNDING_DECISION, List.of(UUID.randomUUID()), AccessOutcome.PERMITTED, null);
        return codec.wrap(record.recordId(), Agency.BENEFITS, record.time(), null, record);
    }

    private Optional<String> held(String keyId) {
        return keyId.equals(publicKey.keyId()) ? Optional.of(auditKey.privateKey()) : Optional.empty();
    }

    @Test
    void aSealedRecordNamesNeitherTheClientNorTheUserOnTheWireAndOpensToTheSameRecordWithTheAuditKey() {
        EventEnvelope record = record();

        EventEnvelope sealed = sealing.seal(record, publicKey);

        String wire = new String(codec.encode(sealed), StandardCharsets.UTF_8);
        assertThat(wire).doesNotContain(CLIENT, USER, "HEALTH_SUMMARY", "FUNDING_DECISION", "INSURANCE_PHYSICIAN");
        assertThat(sealed.subject()).as("the subject is the event id, not the client").isEqualTo(
                record.eventId().toString());
        EventEnvelope opened = sealing.open(codec.decode(codec.encode(sealed)), this::held);
        assertThat(codec.payload(opened)).isEqualTo(codec.payload(record));
    }

    @Test
    void anotherPrivateKeyUnderTheSameIdDoesNotOpenIt() {
        EventEnvelope sealed = sealing.seal(record(), publicKey);
        String other = KeyExchange.ephemeral().privateKey();

        assertThatThrownBy(() -> sealing.open(sealed, id -> Optional.of(other)))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("does not open");
    }

    @Test
    void aRecordSealedForAKeyIdNotHeldHereIsMissingItsKeyNotMalformed() {
        EventEnvelope sealed = sealing.seal(record(), new AuditSealing.AuditKey("audit-2027-06",
                KeyExchange.ephemeral().publicKey()));

        assertThatThrownBy(() -> sealing.open(sealed, this::held))
                .isInstanceOf(AuditSealing.AuditKeyMissingException.class).hasMessageContaining("audit-2027-06");
    }

    @Test
    void aTamperedCiphertextDoesNotOpen() {
        EventEnvelope sealed = sealing.seal(record(), publicKey);
        ObjectNode part = (ObjectNode) sealed.payload().get(AuditSealing.SEALED_RECORD);
        byte[] bytes = Base64.getDecoder().decode(part.get("wrappedKey").asText());
        bytes[bytes.length - 20] ^= 1;
        part.put("wrappedKey", Base64.getEncoder().encodeToString(bytes));

        assertThatThrownBy(() -> sealing.open(sealed, this::held)).isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void aSealedRecordMovedToAnotherEventIdOrTypeOrSourceDoesNotOpen() {
        EventEnvelope sealed = sealing.seal(record(), publicKey);
        EventEnvelope otherId = new EventEnvelope(UUID.randomUUID(), sealed.type(), sealed.schemaVersion(),
                sealed.sourceAgency(), sealed.subject(), sealed.occurredAt(), null, sealed.payload());
        EventEnvelope otherType = new EventEnvelope(sealed.eventId(), "ClientRegistered", sealed.schemaVersion(),
                sealed.sourceAgency(), sealed.subject(), sealed.occurredAt(), null, sealed.payload());
        EventEnvelope otherSource = new EventEnvelope(sealed.eventId(), sealed.type(), sealed.schemaVersion(),
                Agency.INSURER, sealed.subject(), sealed.occurredAt(), null, sealed.payload());

        for (EventEnvelope moved : new EventEnvelope[] {otherId, otherType, otherSource}) {
            assertThatThrownBy(() -> sealing.open(moved, this::held)).isInstanceOf(MalformedMessageException.class);
        }
        assertThat(sealing.open(sealed, this::held).payload().get("clientId").asText()).isEqualTo(CLIENT);
    }

    @Test
    void aSealedRecordIsNotReadAsItsEventBeforeItIsOpened() {
        EventEnvelope sealed = sealing.seal(record(), publicKey);

        assertThatThrownBy(() -> codec.payload(sealed)).isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("opened before it is read");
    }
}
