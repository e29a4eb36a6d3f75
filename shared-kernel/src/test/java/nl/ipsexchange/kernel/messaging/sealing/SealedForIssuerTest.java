package nl.ipsexchange.kernel.messaging.sealing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import nl.ipsexchange.kernel.Agency;
import nl.ipsexchange.kernel.DataCategory;
import nl.ipsexchange.kernel.Purpose;
import nl.ipsexchange.kernel.meeting.MeetingDecisionSharedEvent;
import nl.ipsexchange.kernel.messaging.ConsentReference;
import nl.ipsexchange.kernel.messaging.EnvelopeCodec;
import nl.ipsexchange.kernel.messaging.EventEnvelope;
import nl.ipsexchange.kernel.messaging.MalformedMessageException;

/**
 * A funder's meeting decision sealed for the client's provider with a transit key the provider gave it (ADR 51):
 * nothing of it readable on the wire, opened only by the provider with the key it issued to that funder for that
 * client, and never again once the provider destroyed the key.
 */
class SealedForIssuerTest {

    private static final String CLIENT = "c0ffee00-0000-4000-8000-000000000001";
    private static final String OTHER_CLIENT = "c0ffee00-0000-4000-8000-000000000002";
    private static final String TRAJECTORY = "7a7a7a7a-0000-4000-8000-000000000003";
    private static final String CANARY = "canary-minutes-5d1e";

    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final EnvelopeSealing sealing = new EnvelopeSealing();
    private final TransitKey key = TransitKey.generate();

    private EventEnvelope decision(String clientId) {
        return codec.wrap(UUID.randomUUID(), Agency.MUNICIPALITY, Instant.parse("2026-12-07T10:00:00Z"), null,
                new MeetingDecisionSharedEvent("d-1", Agency.MUNICIPALITY, LocalDate.of(2026, 12, 10), clientId,
                        TRAJECTORY, TRAJECTORY, MeetingDecisionSharedEvent.Kind.ACTION, null,
                        "call the job coach " + CANARY, "M. " + CANARY, null, "municipality.case-manager"));
    }

    private EventEnvelope sealed(EventEnvelope plain, DataCategory category) {
        return sealing.sealForIssuer(plain, TRAJECTORY, new HeldTransitKey(category, key));
    }

    /** The provider's copy of the key: issued to {@code recipient} for the client's {@code category}. */
    private Optional<IssuedTransitKey> issued(String clientId, Agency recipient, DataCategory category,
                                              boolean destroyed) {
        return Optional.of(new IssuedTransitKey(clientId, recipient, category,
                destroyed ? Optional.empty() : Optional.of(key)));
    }

    private EventEnvelope openAtTheProvider(EventEnvelope onTheWire, Optional<IssuedTransitKey> issued) {
        EventEnvelope received = codec.decode(codec.encode(onTheWire));
        return sealing.openWithIssuedKey(received, keyId -> keyId.equals(key.keyId()) ? issued : Optional.empty());
    }

    private static EventEnvelope fromSource(EventEnvelope envelope, Agency source) {
        return new EventEnvelope(envelope.eventId(), envelope.type(), envelope.schemaVersion(), source,
                envelope.subject(), envelope.occurredAt(), envelope.consent(), envelope.payload());
    }

    @Test
    void aSealedDecisionShowsNothingOfItselfOnTheWireAndOpensAtTheProviderToTheSameEvent() {
        EventEnvelope plain = decision(CLIENT);

        EventEnvelope sealed = sealed(plain, DataCategory.EMPLOYMENT);

        String wire = new String(codec.encode(sealed), StandardCharsets.UTF_8);
        assertThat(wire).doesNotContain(CANARY, CLIENT, "d-1", "ACTION", "municipality.case-manager");
        assertThat(sealed.subject()).as("under the trajectory, not the client").isEqualTo(TRAJECTORY);
        assertThat(EnvelopeSealing.isSealedForIssuer(sealed)).isTrue();
        assertThatThrownBy(() -> codec.payload(sealed)).as("never read as the event while sealed")
                .isInstanceOf(MalformedMessageException.class);

        EventEnvelope opened = openAtTheProvider(sealed,
                issued(CLIENT, Agency.MUNICIPALITY, DataCategory.EMPLOYMENT, false));

        assertThat(codec.payload(opened)).isEqualTo(codec.payload(plain));
        assertThat(opened.subject()).isEqualTo(TRAJECTORY);
    }

    @Test
    void aDecisionSealedWithAnotherCurrentKeyOfTheClientOpensWithThatKey() {
        EventEnvelope sealed = sealed(decision(CLIENT), DataCategory.BENEFITS);

        EventEnvelope opened = openAtTheProvider(sealed,
                issued(CLIENT, Agency.MUNICIPALITY, DataCategory.BENEFITS, false));

        assertThat(((MeetingDecisionSharedEvent) codec.payload(opened)).action()).contains(CANARY);
    }

    @Test
    void aKeyTheProviderIssuedToAnotherAgencyIsRefused() {
        EventEnvelope sealed = sealed(decision(CLIENT), DataCategory.EMPLOYMENT);

        assertThatThrownBy(() -> openAtTheProvider(sealed,
                issued(CLIENT, Agency.BENEFITS, DataCategory.EMPLOYMENT, false)))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("another agency");
    }

    @Test
    void aDecisionSentOnUnderAnotherAgencysSignatureIsRefused() {
        EventEnvelope moved = fromSource(sealed(decision(CLIENT), DataCategory.EMPLOYMENT), Agency.BENEFITS);

        assertThatThrownBy(() -> openAtTheProvider(moved,
                issued(CLIENT, Agency.BENEFITS, DataCategory.EMPLOYMENT, false)))
                .as("the key was issued to the benefits agency, but the part was sealed by the municipality")
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("does not open");
    }

    @Test
    void aDecisionAboutAnotherClientThanTheKeysIsRefused() {
        EventEnvelope sealed = sealed(decision(OTHER_CLIENT), DataCategory.EMPLOYMENT);

        assertThatThrownBy(() -> openAtTheProvider(sealed,
                issued(CLIENT, Agency.MUNICIPALITY, DataCategory.EMPLOYMENT, false)))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("another client")
                .hasMessageNotContaining(OTHER_CLIENT).hasMessageNotContaining(CANARY);
    }

    @Test
    void aKeyIssuedForAnotherCategoryThanThePartNamesIsRefused() {
        EventEnvelope sealed = sealed(decision(CLIENT), DataCategory.EMPLOYMENT);

        assertThatThrownBy(() -> openAtTheProvider(sealed,
                issued(CLIENT, Agency.MUNICIPALITY, DataCategory.IDENTIFICATION, false)))
                .isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void aKeyTheProviderNeverIssuedIsRefused() {
        EventEnvelope sealed = sealed(decision(CLIENT), DataCategory.EMPLOYMENT);

        assertThatThrownBy(() -> openAtTheProvider(sealed, Optional.empty()))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("did not issue");
    }

    @Test
    void aDecisionSealedUnderAKeyTheProviderDestroyedCanNoLongerBeOpened() {
        EventEnvelope sealed = sealed(decision(CLIENT), DataCategory.EMPLOYMENT);

        assertThatThrownBy(() -> openAtTheProvider(sealed,
                issued(CLIENT, Agency.MUNICIPALITY, DataCategory.EMPLOYMENT, true)))
                .isInstanceOf(TransitKeyDestroyedException.class).hasMessageNotContaining(key.keyId().toString());
    }

    @Test
    void aSealedPartMovedToAnotherEnvelopeDoesNotOpen() {
        EventEnvelope sealed = sealed(decision(CLIENT), DataCategory.EMPLOYMENT);
        EventEnvelope moved = new EventEnvelope(UUID.randomUUID(), sealed.type(), sealed.schemaVersion(),
                sealed.sourceAgency(), sealed.subject(), sealed.occurredAt(), null, sealed.payload());
        EventEnvelope otherSubject = new EventEnvelope(sealed.eventId(), sealed.type(), sealed.schemaVersion(),
                sealed.sourceAgency(), "another-trajectory", sealed.occurredAt(), null, sealed.payload());

        for (EventEnvelope envelope : new EventEnvelope[] {moved, otherSubject}) {
            assertThatThrownBy(() -> openAtTheProvider(envelope,
                    issued(CLIENT, Agency.MUNICIPALITY, DataCategory.EMPLOYMENT, false)))
                    .isInstanceOf(MalformedMessageException.class).hasMessageContaining("does not open");
        }
    }

    @Test
    void aPartSealedForItsIssuerDoesNotPassForOneUnderAConsent() {
        EventEnvelope sealed = sealed(decision(CLIENT), DataCategory.EMPLOYMENT);
        ObjectNode asRecipientPart = JsonNodeFactory.instance.objectNode();
        asRecipientPart.putArray(EnvelopeSealing.SEALED).add(sealed.payload().get(EnvelopeSealing.SEALED_FOR_ISSUER));
        EventEnvelope underConsent = new EventEnvelope(sealed.eventId(), sealed.type(), sealed.schemaVersion(),
                sealed.sourceAgency(), sealed.subject(), sealed.occurredAt(),
                new ConsentReference(UUID.randomUUID(), Purpose.CASE_REVIEW, Set.of(DataCategory.EMPLOYMENT)),
                asRecipientPart);

        assertThatThrownBy(() -> sealing.open(underConsent, keyId -> Optional.of(key.secret())))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("does not open");
    }

    @Test
    void onlyAMessageWithoutAConsentReferenceThatNamesItsClientIsSealedForItsIssuer() {
        EventEnvelope plain = decision(CLIENT);
        EventEnvelope underConsent = new EventEnvelope(plain.eventId(), plain.type(), plain.schemaVersion(),
                plain.sourceAgency(), plain.subject(), plain.occurredAt(),
                new ConsentReference(UUID.randomUUID(), Purpose.CASE_REVIEW, Set.of(DataCategory.EMPLOYMENT)),
                plain.payload());
        ObjectNode withoutClient = plain.payload().deepCopy();
        withoutClient.remove("clientId");
        EventEnvelope nameless = new EventEnvelope(plain.eventId(), plain.type(), plain.schemaVersion(),
                plain.sourceAgency(), TRAJECTORY, plain.occurredAt(), null, withoutClient);

        assertThatThrownBy(() -> sealed(underConsent, DataCategory.EMPLOYMENT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sealed(nameless, DataCategory.EMPLOYMENT))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
